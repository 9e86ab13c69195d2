-- Platform: API keys (access context) and image jobs (ingest context).
-- The vector extension is created by the database set-up (it needs a superuser).

CREATE TABLE api_keys (
    id          uuid PRIMARY KEY,
    key_hash    char(64)     NOT NULL UNIQUE,  -- SHA-256 hex of the secret; the secret is never stored
    key_prefix  varchar(16)  NOT NULL,
    tenant_id   varchar(64),                   -- NULL for admin keys
    role        varchar(16)  NOT NULL CHECK (role IN ('ADMIN', 'TENANT')),
    name        varchar(255) NOT NULL,
    created_at  timestamptz  NOT NULL,
    revoked_at  timestamptz,
    CHECK (role = 'ADMIN' OR tenant_id IS NOT NULL)
);
CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id);

CREATE TABLE image_jobs (
    id             uuid PRIMARY KEY,
    tenant_id      varchar(64)  NOT NULL,
    status         varchar(16)  NOT NULL CHECK (status IN ('QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED')),
    source_bucket  varchar(63),
    source_key     varchar(1024),
    source_url     varchar(2048),
    content_type   varchar(255),
    failure_reason varchar(2000),
    attempts       integer      NOT NULL DEFAULT 0,
    sha256         char(64),
    width          integer,
    height         integer,
    phash          char(16),
    format         varchar(16),
    size_bytes     bigint,
    created_at     timestamptz  NOT NULL,
    started_at     timestamptz,
    finished_at    timestamptz,
    version        bigint       NOT NULL DEFAULT 0,
    CHECK ((source_url IS NULL) <> (source_bucket IS NULL))
);
CREATE INDEX image_jobs_tenant_created_idx ON image_jobs (tenant_id, created_at DESC);
CREATE INDEX image_jobs_status_idx ON image_jobs (status) WHERE status IN ('QUEUED', 'PROCESSING');
