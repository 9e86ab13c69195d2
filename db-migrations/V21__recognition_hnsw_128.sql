-- The default recogniser (faceapi) is 128-d: large galleries of it need their own HNSW index,
-- with the same expression and predicate as the query in JpaRecognitionRepository.nearest.
CREATE INDEX recognition_faces_hnsw_128 ON recognition_faces
    USING hnsw ((embedding::vector(128)) vector_cosine_ops) WHERE dims = 128;
