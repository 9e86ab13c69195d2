package dev.visage.console.application;

import java.util.List;
import java.util.Map;

/** The face pipeline's counters of every tenant, and stage timings (avg and p95) globally or per tenant. */
public interface StatsBoard {

    /** Global counters and stage timings, and every tenant's counters. */
    StatsOverview board();

    /** One tenant's counters and stage timings (zeros for a tenant without figures). */
    ScopeStats tenant(String tenantId);

    /**
     * A stage's timing, all in milliseconds (named like the runbook's timings_ms); p95 is the upper
     * bound of its histogram bucket (at most 25 % high).
     */
    record StageStats(String stage, long count, double avg, double p95, double total) {
    }

    /** Stages in pipeline order, "total" (the whole message) last. */
    record ScopeStats(String scope, Map<String, Long> counters, List<StageStats> stages) {
    }

    record TenantStatsRow(String tenantId, Map<String, Long> counters) {
    }

    record StatsOverview(ScopeStats global, List<TenantStatsRow> tenants) {
    }
}
