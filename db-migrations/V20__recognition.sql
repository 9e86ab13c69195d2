-- Recognition: companies (tenants) -> users -> faces with their embeddings.
-- Deleting a company removes its users and faces; deleting a user removes its faces.

CREATE TABLE recognition_companies (
    company_id  varchar(255) PRIMARY KEY,
    created_at  timestamptz  NOT NULL
);

CREATE TABLE recognition_users (
    company_id  varchar(255) NOT NULL REFERENCES recognition_companies (company_id) ON DELETE CASCADE,
    user_id     varchar(255) NOT NULL,
    created_at  timestamptz  NOT NULL,
    PRIMARY KEY (company_id, user_id)
);

-- The embedding column has no fixed dimension so that every recogniser's vectors fit
-- (faceres 1024, mobileface 256); dims says which, and the HNSW indexes below are
-- expression indexes per dimension (pgvector indexes need a fixed dimension).
CREATE TABLE recognition_faces (
    id              uuid         PRIMARY KEY,
    company_id      varchar(255) NOT NULL,
    user_id         varchar(255) NOT NULL,
    face_id         varchar(255) NOT NULL,
    model           varchar(128) NOT NULL,
    dims            integer      NOT NULL,
    embedding       vector       NOT NULL,
    bbox_x          integer,
    bbox_y          integer,
    bbox_w          integer,
    bbox_h          integer,
    detection_score real,
    sharpness       real,
    quality_ok      boolean,
    source_bucket   varchar(63),
    source_key      varchar(1024),
    created_at      timestamptz  NOT NULL,
    UNIQUE (company_id, user_id, face_id),
    FOREIGN KEY (company_id, user_id) REFERENCES recognition_users (company_id, user_id) ON DELETE CASCADE
);
CREATE INDEX recognition_faces_company_idx ON recognition_faces (company_id, model);
CREATE INDEX recognition_faces_hnsw_1024 ON recognition_faces
    USING hnsw ((embedding::vector(1024)) vector_cosine_ops) WHERE dims = 1024;
CREATE INDEX recognition_faces_hnsw_256 ON recognition_faces
    USING hnsw ((embedding::vector(256)) vector_cosine_ops) WHERE dims = 256;
