-- Dedup context. Near-duplicate search by multi-index hashing: the 64-bit pHash is split
-- into three bands (22, 21, 21 bits). Two hashes within Hamming distance d <= 8 differ
-- in at most floor(d/3) = 2 bits in at least one band (pigeonhole), so the candidates
-- are the rows whose band equals one of the 1+22+231 (or 1+21+210) values within distance
-- 2 of the query's band: 718 index probes, exact (no approximation). Each key_i is
-- (32-bit hash of the tenant << 32) | band_i, so one bigint B-tree per band serves every
-- tenant, and the pHash is INCLUDEd: the exact Hamming check runs on the index entries
-- (index-only scans) and only true matches touch the table. docs/BENCHMARKS.md has the figures.

CREATE TABLE dedup_images (
    tenant_id        varchar(64) NOT NULL,
    image_sha256     char(64)    NOT NULL,
    phash            bigint      NOT NULL,
    canonical_sha256 char(64)    NOT NULL,  -- the image its faces are compared with: a near-duplicate seen earlier, or itself
    key0             bigint      NOT NULL,  -- tenant hash << 32 | bits 63..42
    key1             bigint      NOT NULL,  -- tenant hash << 32 | bits 41..21
    key2             bigint      NOT NULL,  -- tenant hash << 32 | bits 20..0
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, image_sha256)
) WITH (parallel_workers = 0);  -- a 1 ms lookup must not pay for starting parallel workers
CREATE INDEX dedup_images_key0_idx ON dedup_images (key0) INCLUDE (phash);
CREATE INDEX dedup_images_key1_idx ON dedup_images (key1) INCLUDE (phash);
CREATE INDEX dedup_images_key2_idx ON dedup_images (key2) INCLUDE (phash);
CREATE INDEX dedup_images_phash_idx ON dedup_images (phash);
CREATE INDEX dedup_images_expires_idx ON dedup_images (expires_at);

-- Faces. Two faces are the same when they belong to the same canonical image (the image
-- itself, or the remembered near-duplicate it matched) and their boxes, normalised to the
-- image's width and height, overlap with IoU >= 0.5. The face key names a face:
-- sha256(tenant | canonical sha256 | normalised box quantised to a 1/32 grid).
CREATE TABLE dedup_faces (
    tenant_id        varchar(64) NOT NULL,
    face_key         char(64)    NOT NULL,
    canonical_sha256 char(64)    NOT NULL,
    nx real NOT NULL, ny real NOT NULL, nw real NOT NULL, nh real NOT NULL,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, face_key)
);
CREATE INDEX dedup_faces_canonical_idx ON dedup_faces (tenant_id, canonical_sha256);
CREATE INDEX dedup_faces_expires_idx ON dedup_faces (expires_at);

-- Hit/miss counters for the dedup admin stats (one row per tenant and kind).
CREATE TABLE dedup_counters (
    tenant_id varchar(64) NOT NULL,
    name      varchar(32) NOT NULL,
    value     bigint      NOT NULL,
    PRIMARY KEY (tenant_id, name)
);
