-- The two ArcFace-aligned recognisers from npm (faceplugin 512-d, mfn192 192-d, models/MODELS.md) get the same
-- partial HNSW expression indexes as the 128/256/1024-d ones of V10, so that their vectors can be searched.
CREATE INDEX faces_embedding_512_hnsw ON faces USING hnsw ((embedding::vector(512)) vector_cosine_ops)
    WHERE vector_dims(embedding) = 512;
CREATE INDEX faces_embedding_192_hnsw ON faces USING hnsw ((embedding::vector(192)) vector_cosine_ops)
    WHERE vector_dims(embedding) = 192;
