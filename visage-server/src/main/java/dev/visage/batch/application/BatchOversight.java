package dev.visage.batch.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Batch jobs of every tenant, for operators (the admin console): lists with filters, one job's
 * per-image outcomes, and cancel. Tenant-facing code uses {@link BatchJobs}, which never crosses
 * tenants; this service is only for callers that already checked the caller is an admin.
 */
public interface BatchOversight {

    /** Wire names, as in {@link BatchJobView#kind()} and {@link BatchJobView#sourceType()}. */
    Set<String> KINDS = Set.of("digest", "zip", "images");
    Set<String> SOURCE_TYPES = Set.of("local", "s3", "zip", "objects");
    Set<String> ITEM_STATUSES = Set.of("pending", "done", "failed", "skipped", "cancelled");

    /** Newest first. */
    Slice<BatchJobView> search(JobFilter filter, int limit, int offset);

    /** Jobs per status (every status, zeros included) that match the filter but for its statuses. */
    Map<String, Long> countByStatus(JobFilter filter);

    Optional<BatchJobView> find(UUID jobId);

    /** The job's images and skipped entries with their outcomes, in the order they were found; empty when unknown. */
    Slice<ItemOutcome> items(UUID jobId, Set<String> statuses, int limit, int offset);

    /** The job's items per state (every state, zeros included). */
    Map<String, Long> itemCounts(UUID jobId);

    /**
     * Cancels a job of any tenant through the same logic as the tenant's own cancel
     * ({@link BatchJobs#cancel}); a job that has already ended is left alone and said so.
     */
    Cancellation cancel(UUID jobId);

    /**
     * @param tenantId   null for every tenant
     * @param kind       one of {@link #KINDS}, or null for every kind
     * @param sourceType one of {@link #SOURCE_TYPES}, or null for every source
     * @param statuses   of {@link BatchJobs#STATUSES}; empty for every status
     * @param groupId    the job's group (a digest's group_id, a ZIP batch's projectId), or null
     */
    record JobFilter(String tenantId, String kind, String sourceType, Set<String> statuses, String groupId) {
        public JobFilter {
            statuses = Set.copyOf(statuses);
            if (kind != null && !KINDS.contains(kind)) {
                throw new IllegalArgumentException("kind must be one of " + KINDS);
            }
            if (sourceType != null && !SOURCE_TYPES.contains(sourceType)) {
                throw new IllegalArgumentException("source must be one of " + SOURCE_TYPES);
            }
            if (!BatchJobs.STATUSES.containsAll(statuses)) {
                throw new IllegalArgumentException("status must be one of " + BatchJobs.STATUSES);
            }
        }
    }

    record Slice<T>(List<T> items, long total, int limit, int offset) {
    }

    /**
     * One image (or skipped entry) of a job.
     *
     * @param status one of {@link #ITEM_STATUSES}
     * @param reason why it failed or was skipped, else null
     */
    /** @param warnings damage the decoder recovered from on a done item (e.g. {@code truncated: ...}) */
    record ItemOutcome(String imagePath, String status, String reason, Integer facesDetected, Integer facesStored,
                       Instant finishedAt, List<String> warnings) {
    }

    enum CancelOutcome {
        /** The job was live and is cancelled now. */
        CANCELLED,
        /** The job had already ended (completed, failed or cancelled): nothing changed. */
        ALREADY_ENDED,
        NOT_FOUND
    }

    /** @param job the job after the attempt; null when not found */
    record Cancellation(CancelOutcome outcome, BatchJobView job) {
    }
}
