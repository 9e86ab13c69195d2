package dev.visage.batch.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Reads and cancels batch jobs of one tenant; never crosses tenants. */
public interface BatchJobs {

    Set<String> STATUSES = Set.of("queued", "processing", "completed", "failed", "cancelled");

    Optional<BatchJobView> find(String tenantId, UUID jobId);

    /** Newest first. */
    Page<BatchJobView> search(String tenantId, JobQuery query);

    /**
     * Cancels a job that has not ended: it ends as cancelled at once, its pending images are
     * never processed (those in flight finish). Empty when unknown; unchanged when it had ended.
     */
    Optional<BatchJobView> cancel(String tenantId, UUID jobId);

    /** The ids of the faces the job stored or found already stored (upserted), in the order of its images. */
    Page<UUID> faceIds(String tenantId, UUID jobId, int page, int size);

    /** Images that failed, and entries that were skipped, with their reasons, in order. */
    Page<ItemProblem> problems(String tenantId, UUID jobId, Set<String> statuses, int page, int size);

    /** The first {@code limit} images processed despite decoder warnings (a truncated JPEG), in order. */
    List<ItemWarnings> warnings(String tenantId, UUID jobId, int limit);

    /**
     * Per queue: active (being processed on this instance now), waiting (pending images of live
     * jobs), completed and failed images; for the tenant, or every tenant when null.
     */
    Map<String, QueueCounts> queueStats(String tenantIdOrNull);

    /**
     * @param kind     DIGEST, ZIP or IMAGES; null for every kind
     * @param statuses wire names; empty for every status
     * @param from     created at or after; null for no bound
     * @param to       created before; null for no bound
     * @param page     1-based
     */
    record JobQuery(String kind, Set<String> statuses, String groupId, Instant from, Instant to, int page, int size) {
        public JobQuery {
            statuses = Set.copyOf(statuses);
            if (!STATUSES.containsAll(statuses)) {
                throw new IllegalArgumentException("status must be one of " + STATUSES);
            }
            if (page < 1 || size < 1 || size > 500) {
                throw new IllegalArgumentException("page must be >= 1 and size 1-500");
            }
        }
    }

    record Page<T>(List<T> items, long total, int page, int size) {
    }

    /** @param warnings the decoder's, e.g. {@code truncated: premature end of JPEG file} */
    record ItemWarnings(String imagePath, List<String> warnings) {
    }

    /** @param status failed or skipped */
    record ItemProblem(String imagePath, String status, String reason) {
    }

    record QueueCounts(long active, long waiting, long completed, long failed) {
    }
}
