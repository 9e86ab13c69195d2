package dev.visage.ingest.application;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which recogniser embeds a tenant's faces, and moving a tenant's stored faces to another one (a
 * re-index): vectors of the new model are stored beside the faces while search keeps using the old
 * ones, then {@link #switchTo} swaps them all in one transaction. Models are {@code name@version}.
 */
public interface TenantEmbeddings {

    /** The recogniser the tenant's faces are embedded with; empty: the configured one. */
    Optional<String> model(String tenantId);

    /**
     * Records the tenant's current model when it has no row yet, so that from now on the pipeline locks
     * the row (FOR SHARE) and a later switch waits for images still being embedded with the old model.
     */
    void pin(String tenantId, String currentModel);

    /** A stored face still lacking a vector of the target model. */
    record Pending(UUID faceId, String cropBucket, String cropKey, String imageBucket, String imageKey, double x,
                   double y, double width, double height) {
    }

    /** Faces of the tenant not yet embedded (nor failed) with the target model, by id after {@code afterId}. */
    List<Pending> pending(String tenantId, String targetModel, UUID afterId, int limit);

    long countPending(String tenantId, String targetModel);

    long countFaces(String tenantId);

    /** Stores target-model vectors (replacing earlier ones). */
    void store(String targetModel, Map<UUID, float[]> vectors);

    /** Records that the target model could not embed the face; it keeps its old vector after the switch. */
    void fail(String targetModel, UUID faceId, String reason);

    /**
     * In one transaction: when no face of the tenant is pending, moves the current vectors to
     * face_embeddings, puts the target model's in faces, and makes it the tenant's model; returns how many
     * faces switched. Empty when faces are still pending (new ones arrived): embed them and call again.
     */
    Optional<Long> switchTo(String tenantId, String targetModel);

    /** How many of the tenant's faces carry each model (name@version). */
    Map<String, Long> modelCounts(String tenantId);
}
