-- Gallery context: re-index jobs (a tenant's stored faces re-embedded with another recogniser).
CREATE TABLE gallery_reindex_jobs (
    id               uuid          PRIMARY KEY,
    tenant_id        varchar(64)   NOT NULL,
    source_model     varchar(130)  NOT NULL,
    target_model     varchar(130)  NOT NULL,
    status           varchar(16)   NOT NULL,   -- queued, embedding, ready, switching, completed, failed
    auto_switch      boolean       NOT NULL,   -- false: stop at ready until POST .../switch
    switch_requested boolean       NOT NULL DEFAULT false,
    total            integer       NOT NULL DEFAULT 0,
    embedded         integer       NOT NULL DEFAULT 0,
    failed           integer       NOT NULL DEFAULT 0,
    switched         integer       NOT NULL DEFAULT 0,
    error            varchar(2048),
    created_at       timestamptz   NOT NULL,
    updated_at       timestamptz   NOT NULL,
    switched_at      timestamptz,
    finished_at      timestamptz
);
CREATE INDEX gallery_reindex_jobs_tenant_idx ON gallery_reindex_jobs (tenant_id, created_at DESC);
-- at most one unfinished job per tenant
CREATE UNIQUE INDEX gallery_reindex_jobs_active_idx ON gallery_reindex_jobs (tenant_id)
    WHERE status NOT IN ('completed', 'failed');
