package dev.visage.batch.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Batch jobs. Every change is one atomic statement on the job's row, so concurrent workers
 * never lose each other's counts and a terminal status is never left again.
 */
public interface BatchJobRepository {

    void add(BatchJob job);

    /** A fresh read (not a cached entity). */
    Optional<BatchJob> find(UUID jobId);

    Optional<BatchJob> find(String tenantId, UUID jobId);

    /**
     * Which jobs a search covers. {@code tenantId} null covers every tenant: only operator-facing
     * services (the admin console) pass null; tenant-facing ones always name the caller's tenant.
     * {@code kind}, {@code sourceType}, {@code groupId}, {@code from} and {@code to} null for no
     * bound; {@code statuses} empty for every status.
     */
    record Filter(String tenantId, JobKind kind, SourceType sourceType, Set<BatchStatus> statuses, String groupId,
                  Instant from, Instant to) {
        public Filter {
            statuses = Set.copyOf(statuses);
        }

        /** The same filter over every status (for counts per status). */
        public Filter anyStatus() {
            return new Filter(tenantId, kind, sourceType, Set.of(), groupId, from, to);
        }
    }

    /** Newest first. */
    List<BatchJob> search(Filter filter, int limit, int offset);

    long count(Filter filter);

    /** Jobs per status; statuses without jobs are left out. */
    Map<BatchStatus, Long> countByStatus(Filter filter);

    /** Takes (or renews) the enumeration lease of a job still being enumerated; false when another owner holds it. */
    boolean lease(UUID jobId, String owner, Instant until, Instant now);

    /** Jobs still being enumerated whose lease has run out (their enumerator died). */
    List<UUID> orphanedEnumerations(Instant now, int limit);

    /**
     * Counts newly registered items (pending images and skipped entries) and marks the job
     * processing; false when the job has ended meanwhile (cancelled), so enumeration stops.
     */
    boolean registered(UUID jobId, int images, int skipped, Instant now);

    /** Every image has been found: fixes the totals from the items; may complete the job at once. */
    Optional<BatchStatus> enumerated(UUID jobId, Instant now);

    /** Enumeration failed for good (source gone, unreadable archive): the job fails with the reason. */
    boolean failEnumeration(UUID jobId, String reason, Instant now);

    /**
     * One item finished (done or failed): counts it and ends the job when it was the last.
     * Returns the terminal status this call moved the job to, if it did.
     */
    Optional<BatchStatus> itemFinished(UUID jobId, boolean failed, int facesDetected, int facesStored, Instant now);

    /** Ends a live job as cancelled and cancels its pending items; false when it had already ended. */
    boolean cancel(UUID jobId, Instant now);

    /** Deletes the job's pointer to its uploaded archive once the archive is gone. */
    void forgetUpload(UUID jobId);
}
