-- Search at a million faces (docs/BENCHMARKS.md "Search"): the partial HNSW indexes of faces hold half-precision
-- vectors: a third smaller for the same graph (1M 128-d faces, m 16: 544 MB instead of 794), so more of it stays
-- in shared_buffers; queries order by the same expression (FaceSql.indexedDistance) and rank the answer by the
-- full-precision distance. m 24 (pgvector's default 16): on face-like vectors at 1M, recall@10 0.95 needs
-- ef_search 200 instead of about 600 (p95 13 ms instead of about 21), for a build of 7.5 minutes instead of 4
-- and 651 MB instead of 544.
--
-- CONCURRENTLY, so that a running installation keeps ingesting while the new indexes are built (PostgreSQL waits
-- for transactions older than the build, then reads the table twice); Flyway runs these statements outside a
-- transaction, with its session-level lock (SchemaMigrator). During a rolling upgrade, instances still on the old
-- version search without an index once the old ones are dropped below (correct, slower) until they are replaced.
-- A build that was interrupted leaves an INVALID index: the DROP ... IF EXISTS before each CREATE clears it on the
-- next attempt.
DROP INDEX CONCURRENTLY IF EXISTS faces_embedding_128_halfvec;
CREATE INDEX CONCURRENTLY faces_embedding_128_halfvec ON faces
    USING hnsw ((embedding::halfvec(128)) halfvec_cosine_ops) WITH (m = 24, ef_construction = 64)
    WHERE vector_dims(embedding) = 128;
DROP INDEX CONCURRENTLY IF EXISTS faces_embedding_192_halfvec;
CREATE INDEX CONCURRENTLY faces_embedding_192_halfvec ON faces
    USING hnsw ((embedding::halfvec(192)) halfvec_cosine_ops) WITH (m = 24, ef_construction = 64)
    WHERE vector_dims(embedding) = 192;
DROP INDEX CONCURRENTLY IF EXISTS faces_embedding_256_halfvec;
CREATE INDEX CONCURRENTLY faces_embedding_256_halfvec ON faces
    USING hnsw ((embedding::halfvec(256)) halfvec_cosine_ops) WITH (m = 24, ef_construction = 64)
    WHERE vector_dims(embedding) = 256;
DROP INDEX CONCURRENTLY IF EXISTS faces_embedding_512_halfvec;
CREATE INDEX CONCURRENTLY faces_embedding_512_halfvec ON faces
    USING hnsw ((embedding::halfvec(512)) halfvec_cosine_ops) WITH (m = 24, ef_construction = 64)
    WHERE vector_dims(embedding) = 512;
DROP INDEX CONCURRENTLY IF EXISTS faces_embedding_1024_halfvec;
CREATE INDEX CONCURRENTLY faces_embedding_1024_halfvec ON faces
    USING hnsw ((embedding::halfvec(1024)) halfvec_cosine_ops) WITH (m = 24, ef_construction = 64)
    WHERE vector_dims(embedding) = 1024;
DROP INDEX CONCURRENTLY IF EXISTS faces_embedding_128_hnsw;
DROP INDEX CONCURRENTLY IF EXISTS faces_embedding_192_hnsw;
DROP INDEX CONCURRENTLY IF EXISTS faces_embedding_256_hnsw;
DROP INDEX CONCURRENTLY IF EXISTS faces_embedding_512_hnsw;
DROP INDEX CONCURRENTLY IF EXISTS faces_embedding_1024_hnsw;
