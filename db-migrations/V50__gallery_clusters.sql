-- Gallery context: clusters of stored faces (people). A scope is what one clustering covers: a
-- tenant's group, or (group_id NULL) every face of the tenant. Faces belong to ingest (faces.id);
-- only their ids are kept here, without a foreign key across contexts.
CREATE TABLE gallery_scopes (
    id              uuid          PRIMARY KEY,
    tenant_id       varchar(64)   NOT NULL,
    group_id        varchar(255),                 -- NULL: every face of the tenant
    model           varchar(130)  NOT NULL,       -- name@version of the vectors clustered
    min_similarity  double precision NOT NULL,    -- parameters of the last full run (and of incremental placement)
    min_faces       integer       NOT NULL,
    created_at      timestamptz   NOT NULL,
    reclustered_at  timestamptz,
    UNIQUE NULLS NOT DISTINCT (tenant_id, group_id)
);

CREATE TABLE gallery_clusters (
    id                     uuid          PRIMARY KEY,
    scope_id               uuid          NOT NULL REFERENCES gallery_scopes (id) ON DELETE CASCADE,
    name                   varchar(255),
    size                   integer       NOT NULL DEFAULT 0,
    representative_face_id uuid,
    created_at             timestamptz   NOT NULL,
    updated_at             timestamptz   NOT NULL
);
CREATE INDEX gallery_clusters_scope_size_idx ON gallery_clusters (scope_id, size DESC, id);

-- Every face of a scope the gallery has placed: in a cluster, or unclustered (cluster_id NULL).
CREATE TABLE gallery_faces (
    scope_id   uuid        NOT NULL REFERENCES gallery_scopes (id) ON DELETE CASCADE,
    face_id    uuid        NOT NULL,
    cluster_id uuid        REFERENCES gallery_clusters (id) ON DELETE SET NULL,
    pinned     boolean     NOT NULL DEFAULT false,   -- put there by a person (merge, move): re-clustering keeps it
    placed_at  timestamptz NOT NULL,
    PRIMARY KEY (scope_id, face_id)
);
CREATE INDEX gallery_faces_cluster_idx ON gallery_faces (cluster_id);
CREATE INDEX gallery_faces_face_idx ON gallery_faces (face_id);

-- The incremental sweep's position in ingest's faces (created_at, id); one row.
CREATE TABLE gallery_sweep (
    id        smallint    PRIMARY KEY CHECK (id = 1),
    cursor_at timestamptz NOT NULL,
    cursor_id uuid        NOT NULL
);
INSERT INTO gallery_sweep (id, cursor_at, cursor_id) VALUES (1, '1970-01-01T00:00:00Z', '00000000-0000-0000-0000-000000000000');
