package dev.visage.ingest.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Cross-tenant reads over image jobs for operators; the write side is {@link ImageJobRepository}. */
public interface ImageJobSearch {

    /** Newest first. An empty status set matches every status; a null tenant every tenant. */
    List<ImageJob> find(Set<JobStatus> statuses, String tenantId, int limit, int offset);

    long count(Set<JobStatus> statuses, String tenantId);

    Map<JobStatus, Long> countByStatus();

    /** Finished jobs since the instant, per minute (epoch second of the minute's start) and final status. */
    List<MinuteTally> finishedPerMinute(Instant since);

    record MinuteTally(long minuteEpochSecond, JobStatus status, long count) {
    }
}
