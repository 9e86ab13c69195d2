package dev.visage.ingest.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Read-only views over image jobs of every tenant, for operators (the admin console).
 * Tenant-facing reads stay in {@link ImageJobService}, which never crosses tenants.
 */
public interface ImageJobQueries {

    /** The status names a filter may use (lower case, as in {@link JobView#status()}). */
    Set<String> STATUSES = Set.of("queued", "processing", "completed", "failed");

    /** Newest first; an empty status set means every status, a null tenant every tenant. */
    JobList list(JobQuery query);

    Optional<JobView> find(UUID jobId);

    /** Jobs per status, every status present (zero when none). */
    Map<String, Long> countByStatus();

    /** Jobs finished per minute over the window ending now, oldest minute first, zero-filled. */
    List<MinuteCount> finishedPerMinute(Duration window);

    record JobQuery(Set<String> statuses, String tenantId, int limit, int offset) {
        public JobQuery {
            statuses = Set.copyOf(statuses);
            if (!STATUSES.containsAll(statuses)) {
                throw new IllegalArgumentException("status must be one of " + STATUSES);
            }
            if (limit < 1 || limit > 500) {
                throw new IllegalArgumentException("limit must be between 1 and 500");
            }
            if (offset < 0) {
                throw new IllegalArgumentException("offset must not be negative");
            }
        }
    }

    record JobList(List<JobView> items, long total) {
    }

    record MinuteCount(Instant minute, long completed, long failed) {
    }
}
