-- Dedup context. Near-duplicate search by multi-index hashing: the 64-bit pHash is split
-- into three bands (22, 21, 21 bits). Two hashes within Hamming distance d <= 8 differ
-- in at most floor(d/3) = 2 bits in at least one band (pigeonhole), so the candidates
-- are the rows whose band equals one of the <= 1+22+231 values within distance 2 of the
-- query's band; the exact distance is then checked on those few rows.
-- (Larger d widens the per-band radius: floor(d/3).)

CREATE TABLE dedup_images (
    tenant_id    varchar(64) NOT NULL,
    image_sha256 char(64)    NOT NULL,
    phash        bigint      NOT NULL,
    canonical_phash bigint   NOT NULL,   -- the pHash its face keys were made with (a near-duplicate's, or its own)
    band0        integer     NOT NULL,   -- bits 63..42
    band1        integer     NOT NULL,   -- bits 41..21
    band2        integer     NOT NULL,   -- bits 20..0
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, image_sha256)
);
CREATE INDEX dedup_images_band0_idx ON dedup_images (tenant_id, band0);
CREATE INDEX dedup_images_band1_idx ON dedup_images (tenant_id, band1);
CREATE INDEX dedup_images_band2_idx ON dedup_images (tenant_id, band2);
CREATE INDEX dedup_images_expires_idx ON dedup_images (expires_at);

-- Face keys: sha256(tenant | canonical image pHash | face box quantised to 1/32 of the
-- image's width and height). The canonical pHash is that of the remembered near-duplicate
-- image when there is one, so a resized or re-encoded copy maps to the same keys.
CREATE TABLE dedup_faces (
    tenant_id  varchar(64) NOT NULL,
    face_key   char(64)    NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, face_key)
);
CREATE INDEX dedup_faces_expires_idx ON dedup_faces (expires_at);

-- Hit/miss counters for the dedup admin stats (one row per tenant and kind).
CREATE TABLE dedup_counters (
    tenant_id varchar(64) NOT NULL,
    name      varchar(32) NOT NULL,
    value     bigint      NOT NULL,
    PRIMARY KEY (tenant_id, name)
);
