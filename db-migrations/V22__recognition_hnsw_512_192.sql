-- Galleries of the two ArcFace-aligned recognisers from npm (faceplugin 512-d, mfn192 192-d) need their own
-- HNSW expression indexes, like V20 (1024, 256) and V21 (128).
CREATE INDEX recognition_faces_hnsw_512 ON recognition_faces
    USING hnsw ((embedding::vector(512)) vector_cosine_ops) WHERE dims = 512;
CREATE INDEX recognition_faces_hnsw_192 ON recognition_faces
    USING hnsw ((embedding::vector(192)) vector_cosine_ops) WHERE dims = 192;
