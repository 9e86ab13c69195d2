package dev.visage.batch.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The images of batches, their outcomes and the faces they yielded. */
public interface BatchItemRepository {

    /** An image (or a skipped entry) found by an enumeration. */
    record NewItem(String imagePath, String bucket, String objectKey, String url, ItemStatus status, String reason) {

        public static NewItem image(String imagePath, String bucket, String objectKey, String url) {
            return new NewItem(imagePath, bucket, objectKey, url, ItemStatus.PENDING, null);
        }

        public static NewItem skipped(String imagePath, String reason) {
            return new NewItem(imagePath, null, null, null, ItemStatus.SKIPPED, Reasons.truncate(reason));
        }
    }

    /** Registers the item unless its job already has one at that path; the new id, or empty. */
    Optional<UUID> register(UUID jobId, String tenantId, NewItem item, Instant now);

    /** The item, locked until the transaction ends (one worker per item). */
    Optional<BatchItem> lock(UUID itemId);

    /** Remembers the faces an item stored (or found stored) for the job's face-id list. */
    void addFaces(UUID jobId, UUID itemId, List<UUID> faceIds);

    List<UUID> faceIds(UUID jobId, int limit, int offset);

    long countFaces(UUID jobId);

    /** Items of the job in these states, in registration order. */
    List<BatchItem> items(UUID jobId, Set<ItemStatus> statuses, int limit, int offset);

    long count(UUID jobId, Set<ItemStatus> statuses);

    /** The job's first items (in order) that were processed despite decoder warnings. */
    List<BatchItem> withWarnings(UUID jobId, int limit);

    /** The job's items per state; states without items are left out. */
    Map<ItemStatus, Long> countByStatus(UUID jobId);

    /** Items in this state over live jobs (of the tenant, or all when null). */
    long countLive(String tenantIdOrNull, ItemStatus status);

    /** Items in this state over all jobs (of the tenant, or all when null). */
    long countAll(String tenantIdOrNull, ItemStatus status);
}
