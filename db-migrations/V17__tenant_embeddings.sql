-- Ingest: which recogniser embeds each tenant's faces, and embeddings of other recognisers for a re-index.
-- A tenant without a row uses the configured recogniser (visage.embedder.model). The pipeline reads the
-- row FOR SHARE, so switching a tenant (FOR UPDATE) waits for images being processed with the old model.
CREATE TABLE tenant_models (
    tenant_id     varchar(64) PRIMARY KEY,
    model_name    varchar(64) NOT NULL,
    model_version varchar(64) NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- Vectors of a face by another recogniser than the one in faces.embedding: the new model's while a
-- re-index runs (search keeps using faces.embedding), the old model's after the switch (kept for a way back).
CREATE TABLE face_embeddings (
    face_id       uuid         NOT NULL REFERENCES faces (id) ON DELETE CASCADE,
    model_name    varchar(64)  NOT NULL,
    model_version varchar(64)  NOT NULL,
    embedding     vector,                      -- NULL: the recogniser could not embed this face (error says why)
    error         varchar(1024),
    created_at    timestamptz  NOT NULL,
    PRIMARY KEY (face_id, model_name, model_version)
);
CREATE INDEX face_embeddings_model_idx ON face_embeddings (model_name, model_version, face_id);
