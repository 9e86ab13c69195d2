package dev.visage.gallery.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The gallery's clusters (V50__gallery_clusters.sql). A <em>scope</em> is what one clustering covers: a
 * tenant's group, or (group null) every face of the tenant; each face of a scope is placed once, in a
 * cluster or unclustered. Faces are ingest's; only their ids are kept here. Joins the caller's transaction.
 */
public interface ClusterRepository {

    /** @param model name@version of the vectors clustered; minSimilarity and minFaces of the last full run */
    record Scope(UUID id, String tenantId, String groupId, String model, double minSimilarity, int minFaces,
                 Instant reclusteredAt) {
    }

    record Cluster(UUID id, UUID scopeId, String name, int size, UUID representativeFaceId) {
    }

    /** A placed face: its cluster (null: unclustered) and whether a person put it there (merge, move). */
    record Member(UUID faceId, UUID clusterId, boolean pinned) {
    }

    /** A cluster a face is in, with the group of its scope. */
    record Membership(String groupId, UUID clusterId, String name) {
    }

    Optional<Scope> scope(String tenantId, String groupId);

    /** The scope, created with these settings when missing (concurrent creators get the same row). */
    Scope scopeOrCreate(String tenantId, String groupId, String model, double minSimilarity, int minFaces, Instant now);

    List<Scope> scopes(String tenantId);

    /** Locks the scope's row for the rest of the transaction (placements and rewrites of one scope queue up). */
    Scope lock(UUID scopeId);

    void updateScope(UUID scopeId, String model, double minSimilarity, int minFaces, Instant reclusteredAt);

    /** The placed faces among these. */
    Map<UUID, Member> members(UUID scopeId, Collection<UUID> faceIds);

    /** Every placed face of the scope. */
    List<Member> members(UUID scopeId);

    List<UUID> clusterFaces(UUID clusterId);

    /** Places (or re-places) faces; rows are keyed by (scope, face). */
    void place(UUID scopeId, Collection<Member> members, Instant now);

    void createCluster(UUID scopeId, UUID clusterId, String name, Instant now);

    /** The cluster when it belongs to one of the tenant's scopes. */
    Optional<Cluster> cluster(String tenantId, UUID clusterId);

    /** Largest first. */
    List<Cluster> clusters(UUID scopeId, int offset, int limit);

    /** Stores the cluster's size (counted from its members) and representative face. */
    void refresh(UUID clusterId, UUID representativeFaceId, Instant now);

    void rename(UUID clusterId, String name, Instant now);

    /** Deletes clusters; their faces become unclustered. */
    void deleteClusters(Collection<UUID> clusterIds);

    /** Forgets every placement of the scope (a full re-cluster rewrites them). */
    void clearScope(UUID scopeId);

    List<Membership> memberships(String tenantId, UUID faceId);

    /** Where the incremental sweep has got to: faces created after (at, id) are new. */
    record Cursor(Instant at, UUID faceId) {
    }

    /** The cursor, and the sweep's lock for this transaction; empty when another instance is sweeping. */
    Optional<Cursor> lockSweep();

    void saveCursor(Cursor cursor);
}
