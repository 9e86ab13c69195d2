package dev.visage.stats.application;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The face pipeline's counters and stage timings, global and per tenant, persisted in
 * PostgreSQL. {@link #record} joins the caller's transaction, so counts commit (or roll
 * back) with the work they count.
 */
public interface PipelineStats {

    /** Counter names of the runbook. */
    String IMAGES_TOTAL = "images_total";
    String FACES_DETECTED = "faces_detected";
    String FACES_PROCESSED = "faces_processed";
    String FACES_REJECTED = "faces_rejected";
    String FACES_DUP_SKIPPED = "faces_dup_skipped";
    String WORKER_MSGS_ACKED = "worker_msgs_acked";
    String WORKER_MSGS_DLQ = "worker_msgs_dlq";

    java.util.List<String> COUNTERS = java.util.List.of(IMAGES_TOTAL, FACES_DETECTED, FACES_PROCESSED,
            FACES_REJECTED, FACES_DUP_SKIPPED, WORKER_MSGS_ACKED, WORKER_MSGS_DLQ);

    /** Adds to the tenant's and the global counters and timings (stage → milliseconds, one sample each). */
    void record(String tenantId, Map<String, Long> counters, Map<String, Double> timingsMs);

    default void count(String tenantId, Map<String, Long> counters) {
        record(tenantId, counters, Map.of());
    }

    default void time(String tenantId, Map<String, Double> timingsMs) {
        record(tenantId, Map.of(), timingsMs);
    }

    /** Global when tenant is empty. */
    StatsSnapshot snapshot(Optional<String> tenantId);

    /** The counters of every tenant that has any, by tenant id (timings: {@link #snapshot} of one tenant). */
    List<TenantCounters> tenants();

    /**
     * All tenants' counters per minute over the window ending now (at most {@link #MINUTES_KEPT}),
     * oldest minute first, zero-filled; the last minute is the current, unfinished one.
     */
    List<MinuteCounters> perMinute(Duration window);

    /** How long per-minute counters are kept. */
    Duration MINUTES_KEPT = Duration.ofDays(1);

    /** Clears one tenant's figures, or everything (per-minute counters too) when tenant is empty. */
    void reset(Optional<String> tenantId);
}
