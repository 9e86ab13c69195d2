-- Ingest context: one row per (tenant, image) that went through the face pipeline, and one
-- row per stored face. `faces` is the gallery that digest, search and cluster reuse.

CREATE TABLE ingested_images (
    tenant_id      varchar(64)   NOT NULL,
    image_sha256   char(64)      NOT NULL,
    bucket         varchar(63)   NOT NULL,
    object_key     varchar(1024) NOT NULL,
    site           varchar(255),
    url            varchar(2048),
    phash          char(16)      NOT NULL,   -- computed from the pixels (the message's is only a hint)
    message_phash  char(16),
    width          integer       NOT NULL,
    height         integer       NOT NULL,
    faces_detected integer       NOT NULL,
    faces_stored   integer       NOT NULL,
    faces_rejected integer       NOT NULL,
    faces_dup_skipped integer    NOT NULL,
    metadata_key   varchar(1024),
    created_at     timestamptz   NOT NULL,
    updated_at     timestamptz   NOT NULL,
    PRIMARY KEY (tenant_id, image_sha256)   -- idempotency: one row per tenant and image
);
CREATE INDEX ingested_images_created_idx ON ingested_images (created_at);

CREATE TABLE faces (
    id               uuid          PRIMARY KEY,
    tenant_id        varchar(64)   NOT NULL,
    group_id         varchar(255),                -- set by digests/batches (issue 6); NULL for queue ingest
    site             varchar(255),
    url              varchar(2048),
    image_sha256     char(64)      NOT NULL,
    image_bucket     varchar(63),
    image_key        varchar(1024),
    phash            char(16)      NOT NULL,
    phash_prefix     char(4)       NOT NULL,      -- first 4 hex digits, the runbook's shard prefix
    face_index       integer       NOT NULL,      -- 0 = largest face of the image
    bbox_x           real          NOT NULL,
    bbox_y           real          NOT NULL,
    bbox_w           real          NOT NULL,
    bbox_h           real          NOT NULL,
    keypoints        jsonb         NOT NULL,      -- [{"name":"right_eye","x":..,"y":..}, ...]
    det_score        real          NOT NULL,
    quality_score    real,                         -- sharpness (variance of Laplacian, 112 px crop)
    quality_accepted boolean       NOT NULL,
    quality_reasons  jsonb         NOT NULL DEFAULT '[]',
    yaw              real,
    roll             real,
    antispoof        real,
    age              real,
    gender           varchar(16),
    model_name       varchar(64)   NOT NULL,      -- e.g. faceapi-recognition
    model_version    varchar(64)   NOT NULL,      -- e.g. face-api-1.7.15
    -- L2-normalised, compared by cosine. Untyped so that recognisers of different sizes (faceapi 128,
    -- mobileface 256, faceres 1024) can live side by side during a re-index; one HNSW index per size.
    embedding        vector        NOT NULL,
    dedup_key        char(64)      NOT NULL,      -- see dedup context: the face key
    crop_bucket      varchar(63),
    crop_key         varchar(1024),
    thumb_key        varchar(1024),
    created_at       timestamptz   NOT NULL,
    UNIQUE (tenant_id, image_sha256, face_index)  -- a redelivered message cannot add a second set of rows
);
-- Queries must use the same expression and predicate, e.g.
--   ORDER BY (embedding::vector(128)) <=> ?  ...  WHERE vector_dims(embedding) = 128
CREATE INDEX faces_embedding_128_hnsw ON faces USING hnsw ((embedding::vector(128)) vector_cosine_ops)
    WHERE vector_dims(embedding) = 128;
CREATE INDEX faces_embedding_256_hnsw ON faces USING hnsw ((embedding::vector(256)) vector_cosine_ops)
    WHERE vector_dims(embedding) = 256;
CREATE INDEX faces_embedding_1024_hnsw ON faces USING hnsw ((embedding::vector(1024)) vector_cosine_ops)
    WHERE vector_dims(embedding) = 1024;
CREATE INDEX faces_tenant_created_idx ON faces (tenant_id, created_at);
CREATE INDEX faces_tenant_site_idx ON faces (tenant_id, site);
CREATE INDEX faces_tenant_group_idx ON faces (tenant_id, group_id);
CREATE INDEX faces_tenant_phash_prefix_idx ON faces (tenant_id, phash_prefix);
CREATE INDEX faces_image_idx ON faces (image_sha256);
CREATE INDEX faces_model_idx ON faces (model_name, model_version);
