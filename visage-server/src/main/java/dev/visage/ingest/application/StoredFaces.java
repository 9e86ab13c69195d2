package dev.visage.ingest.application;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Read access to the faces the pipeline stored (the {@code faces} table), for search and clustering
 * (the gallery context). Every query is confined to one tenant and to the vectors of one model
 * ({@code name@version}): vectors of different recognisers are never compared. Nearest-neighbour
 * queries go through the partial HNSW index of the vector's dimension (pgvector 0.8 iterative scans keep
 * filters from starving it).
 */
public interface StoredFaces {

    /** Dimensions with an HNSW index (V10__ingest_faces.sql, V18 for 512 and 192): only these can be searched. */
    List<Integer> INDEXED_DIMENSIONS = List.of(128, 192, 256, 512, 1024);

    /**
     * Which faces of the tenant a query considers; null fields do not filter.
     *
     * @param from inclusive, on the face's creation time
     * @param to   exclusive
     */
    record Filter(String groupId, String site, Instant from, Instant to) {
        public static final Filter ALL = new Filter(null, null, null, null);

        public static Filter group(String groupId) {
            return new Filter(groupId, null, null, null);
        }
    }

    /**
     * @param model       name@version of the vectors to compare with (the probe's model)
     * @param efSearch    HNSW candidate list size (hnsw.ef_search); at least topK is used
     * @param useIndex    always through the HNSW index, even when the filters leave few faces (which are
     *                    otherwise searched exactly)
     */
    record NearestQuery(String tenantId, String model, float[] vector, int topK, double minSimilarity, Filter filter,
                        int efSearch, boolean useIndex) {
    }

    /** One stored face: where it came from, where it is in its image, how good it is, which model embedded it. */
    record StoredFace(UUID id, String tenantId, String groupId, String site, String url, String imageSha256,
                      String imageBucket, String imageKey, int faceIndex, double x, double y, double width,
                      double height, double detScore, Double sharpness, Double age, String gender, Double antispoof,
                      String model, String cropBucket, String cropKey, String thumbKey, Instant createdAt,
                      String sourcePath) {
    }

    record Match(StoredFace face, double similarity) {
    }

    /** Another face and its cosine similarity to the face asked about. */
    record Neighbour(UUID faceId, double similarity) {
    }

    /** A face as the clustering sweep sees it: enough to know which scopes it belongs to. */
    record FaceRef(UUID id, String tenantId, String groupId, String model, Instant createdAt) {
    }

    /** The topK most similar faces at or above minSimilarity, most similar first. */
    List<Match> nearest(NearestQuery query);

    /**
     * For each of the given faces (of the tenant and model), its k most similar other faces within the
     * filter at or above minSimilarity, most similar first; one index probe per face, in one statement.
     */
    Map<UUID, List<Neighbour>> neighbours(String tenantId, String model, Filter filter, Collection<UUID> faceIds, int k,
                                          double minSimilarity, int efSearch);

    Optional<StoredFace> find(String tenantId, UUID faceId);

    /** The tenant's faces among the given ids (unknown ids are left out), in no particular order. */
    List<StoredFace> find(String tenantId, Collection<UUID> faceIds);

    /** The unit vectors of the tenant's faces among the given ids. */
    Map<UUID, float[]> vectors(String tenantId, Collection<UUID> faceIds);

    /** Ids of the tenant's faces of one model within the filter, ordered by id, after {@code afterId} (null: from the start). */
    List<UUID> ids(String tenantId, String model, Filter filter, UUID afterId, int limit);

    /** Faces of every tenant created at or after {@code since}, oldest first (ties by id), at most limit. */
    List<FaceRef> createdSince(Instant since, UUID afterId, int limit);

    /** How many faces of the tenant carry each model (name@version). */
    Map<String, Long> modelCounts(String tenantId);
}
