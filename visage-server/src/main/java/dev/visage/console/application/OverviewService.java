package dev.visage.console.application;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Readiness of every dependency and the application's counters, from MicroProfile Health and Metrics. */
public interface OverviewService {

    Overview overview();

    record Overview(String status, List<Check> checks, List<Counter> counters, List<Timing> timings,
                    Instant generatedAt) {
    }

    record Check(String name, String status, Map<String, Object> data) {
    }

    record Counter(String name, long value) {
    }

    /** A timer's count and mean in milliseconds. */
    record Timing(String name, long count, double meanMs) {
    }
}
