-- Batch context (issue 6): digests (a folder or an S3 prefix), ZIP uploads and image lists as
-- durable jobs. One row per job, one per image (its outcome, recorded exactly once), the faces
-- each image stored, and the completion webhooks still to deliver.

CREATE TABLE batch_jobs (
    id              uuid PRIMARY KEY,
    tenant_id       varchar(64)   NOT NULL,
    kind            varchar(16)   NOT NULL CHECK (kind IN ('DIGEST', 'ZIP', 'IMAGES')),
    status          varchar(16)   NOT NULL CHECK (status IN ('QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    group_id        varchar(255),
    source_type     varchar(16)   NOT NULL CHECK (source_type IN ('LOCAL', 'S3', 'ZIP', 'OBJECTS')),
    source          varchar(4096) NOT NULL,   -- as the caller named it
    source_path     varchar(4096),            -- LOCAL: the directory's real path
    s3_bucket       varchar(255),
    s3_prefix       varchar(1024),
    upload_bucket   varchar(63),              -- ZIP: the archive, until it is extracted
    upload_key      varchar(1024),
    confidence      double precision NOT NULL,
    threads         integer       NOT NULL,
    priority        integer       NOT NULL CHECK (priority BETWEEN 0 AND 9),
    enumerated      boolean       NOT NULL DEFAULT false,   -- every image found: images_total is final
    images_total    integer       NOT NULL DEFAULT 0,
    processed       integer       NOT NULL DEFAULT 0,       -- finished, successfully or not
    failed          integer       NOT NULL DEFAULT 0,
    skipped         integer       NOT NULL DEFAULT 0,
    faces_detected  integer       NOT NULL DEFAULT 0,
    faces_processed integer       NOT NULL DEFAULT 0,
    error           varchar(2000),
    webhook_url     varchar(2048),
    webhook_secret  varchar(255),
    lease_owner     varchar(255),             -- the instance enumerating the source, until lease_until
    lease_until     timestamptz,
    created_at      timestamptz   NOT NULL,
    started_at      timestamptz,
    finished_at     timestamptz
);
CREATE INDEX batch_jobs_tenant_created_idx ON batch_jobs (tenant_id, created_at DESC);
CREATE INDEX batch_jobs_tenant_group_idx ON batch_jobs (tenant_id, group_id);
CREATE INDEX batch_jobs_enumerating_idx ON batch_jobs (lease_until) WHERE NOT enumerated;

CREATE TABLE batch_items (
    id             uuid PRIMARY KEY,
    job_id         uuid          NOT NULL REFERENCES batch_jobs (id) ON DELETE CASCADE,
    tenant_id      varchar(64)   NOT NULL,
    seq            bigint        GENERATED ALWAYS AS IDENTITY,
    image_path     varchar(4096) NOT NULL,
    bucket         varchar(255),
    object_key     varchar(1024),
    url            varchar(4096),
    status         varchar(16)   NOT NULL CHECK (status IN ('PENDING', 'DONE', 'FAILED', 'SKIPPED', 'CANCELLED')),
    reason         varchar(2000),
    image_sha256   char(64),
    faces_detected integer,
    faces_stored   integer,
    created_at     timestamptz   NOT NULL,
    finished_at    timestamptz,
    UNIQUE (job_id, image_path)   -- a resumed enumeration registers nothing twice
);
CREATE INDEX batch_items_job_status_idx ON batch_items (job_id, status, seq);
CREATE INDEX batch_items_status_idx ON batch_items (status, tenant_id);

-- The faces each image stored or found already stored in its group (the digest's "upserted face ids").
CREATE TABLE batch_faces (
    job_id  uuid   NOT NULL REFERENCES batch_jobs (id) ON DELETE CASCADE,
    face_id uuid   NOT NULL,
    item_id uuid   NOT NULL,
    seq     bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (job_id, face_id)
);
CREATE INDEX batch_faces_job_seq_idx ON batch_faces (job_id, seq);

CREATE TABLE batch_webhooks (
    job_id          uuid          PRIMARY KEY REFERENCES batch_jobs (id) ON DELETE CASCADE,
    url             varchar(2048) NOT NULL,
    attempts        integer       NOT NULL DEFAULT 0,
    next_attempt_at timestamptz   NOT NULL,
    delivered_at    timestamptz,
    gave_up_at      timestamptz,
    last_status     integer,
    last_error      varchar(2000)
);
CREATE INDEX batch_webhooks_due_idx ON batch_webhooks (next_attempt_at) WHERE delivered_at IS NULL AND gave_up_at IS NULL;
