package dev.visage.stats.application;

import java.time.Instant;
import java.util.Map;

/** The pipeline's counters of one minute, all tenants together; every counter present (zero when none). */
public record MinuteCounters(Instant minute, Map<String, Long> counters) {

    public long get(String counter) {
        return counters.getOrDefault(counter, 0L);
    }
}
