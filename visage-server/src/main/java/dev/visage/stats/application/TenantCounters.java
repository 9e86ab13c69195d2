package dev.visage.stats.application;

import java.util.Map;

/** One tenant's counters (every counter present, zero when none). */
public record TenantCounters(String tenantId, Map<String, Long> counters) {
}
