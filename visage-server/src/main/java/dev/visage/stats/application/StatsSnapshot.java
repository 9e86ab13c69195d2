package dev.visage.stats.application;

import java.util.Map;

/** The runbook's /stats shape: {@code {counters:{...}, timings_ms:{stage:{count,total,avg,p95}}}}. */
public record StatsSnapshot(String scope, Map<String, Long> counters, Map<String, StageTiming> timingsMs) {

    /** Milliseconds; p95 is the upper bound of the histogram bucket holding the 95th percentile. */
    public record StageTiming(long count, double total, double avg, double p95) {
    }
}
