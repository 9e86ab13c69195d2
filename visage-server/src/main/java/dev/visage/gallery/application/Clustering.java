package dev.visage.gallery.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * "Who are the people in this event?": the faces of a group (or, group null, of the whole tenant)
 * clustered into people, density-based on pgvector's nearest neighbours. Clusters are kept current
 * as faces arrive (a new face joins a cluster, starts one, or waits unclustered) and can be recomputed
 * from scratch; people correct them (merge, move faces, name), and re-clustering keeps their corrections.
 */
public interface Clustering {

    /**
     * @param minSimilarity cosine similarity at or above which two faces are neighbours; null: the scope's
     *                      current value, or the model's calibrated default
     * @param minFaces      the smallest cluster; null: likewise
     */
    record Params(Double minSimilarity, Integer minFaces) {
        public static final Params DEFAULTS = new Params(null, null);
    }

    /** @param groupId null for the tenant-wide scope */
    record ClusterSummary(UUID clusterId, String groupId, String name, int size, UUID representativeFaceId) {
    }

    /** A face with its source image in the object store ({@code bucket/key}). */
    record FaceRef(UUID faceId, String imagePath) {
    }

    record ClusterMembers(ClusterSummary cluster, List<FaceRef> faces) {
    }

    /** Every cluster of a scope (largest first) and its unclustered faces. */
    record ScopeClusters(String groupId, String model, double minSimilarity, int minFaces, Instant reclusteredAt,
                         List<ClusterMembers> clusters, List<FaceRef> unclustered) {
    }

    record ReclusterReport(String groupId, String model, double minSimilarity, int minFaces, int faces, int clusters,
                           int unclustered) {
    }

    /**
     * The scope's clusters, after placing any of its faces not yet placed. A scope seen for the first time,
     * {@code recluster}, or parameters other than the scope's, run a full re-cluster first.
     */
    ScopeClusters clusterFaces(String tenantId, String groupId, Params params, boolean recluster) throws GalleryException;

    /** Recomputes the scope's clusters from all its faces; names and people's placements carry over. */
    ReclusterReport recluster(String tenantId, String groupId, Params params) throws GalleryException;

    /** The scope's clusters, largest first. */
    List<ClusterSummary> list(String tenantId, String groupId, int offset, int limit) throws GalleryException;

    ClusterMembers get(String tenantId, UUID clusterId) throws GalleryException;

    /** Names (or, null, unnames) a cluster. */
    ClusterSummary rename(String tenantId, UUID clusterId, String name) throws GalleryException;

    /** Moves every face of {@code others} into {@code into} and deletes them; a name is kept if {@code into} has none. */
    ClusterSummary merge(String tenantId, UUID into, List<UUID> others) throws GalleryException;

    /** Moves faces of the same scope into the cluster (from wherever they were, unclustered included). */
    ClusterSummary move(String tenantId, UUID into, List<UUID> faceIds) throws GalleryException;

    /** Takes faces out of their cluster into a new one (a split); returns the new cluster. */
    ClusterSummary split(String tenantId, UUID from, List<UUID> faceIds) throws GalleryException;

    /** Places faces stored since the last sweep into their scopes; returns how many were placed. */
    int sweep();
}
