-- Dedicated HNSW indexes (ingest's DedicatedIndexes, docs/gallery.md "Dedicated indexes"): the partial indexes
-- operators declare for a tenant, or one site of a tenant, beside the shared graph of each dimension. The indexes
-- themselves are created at run time (CREATE INDEX CONCURRENTLY ... WHERE vector_dims(embedding) = d AND
-- tenant_id = ... [AND site = ...]); this table remembers which scope each one serves and how its build went.
-- Whether searches use one is the catalog's word (pg_index.indisvalid), not this table's.
CREATE TABLE dedicated_indexes (
    index_name  VARCHAR(63)  PRIMARY KEY,
    tenant_id   VARCHAR(64)  NOT NULL,
    site        VARCHAR(255),
    dims        INTEGER      NOT NULL,
    state       VARCHAR(16)  NOT NULL,
    error       TEXT,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX dedicated_indexes_tenant_idx ON dedicated_indexes (tenant_id);
