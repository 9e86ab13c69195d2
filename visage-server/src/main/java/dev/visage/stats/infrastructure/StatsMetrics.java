package dev.visage.stats.infrastructure;

import dev.visage.stats.application.PipelineStats;
import dev.visage.stats.application.StatsSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The persisted global counters and stage timings as MicroProfile Metrics gauges
 * ({@code visage_pipeline_<counter>}, {@code visage_pipeline_stage_avg_ms{stage=...}}).
 * Gauges read a snapshot at most one second old, so a scrape costs at most one query pair.
 */
@ApplicationScoped
public class StatsMetrics {

    private final PipelineStats stats;
    private final MetricRegistry registry;
    private final AtomicReference<Cached> cache = new AtomicReference<>();

    private record Cached(long at, StatsSnapshot snapshot) {
    }

    @Inject
    public StatsMetrics(PipelineStats stats, MetricRegistry registry) {
        this.stats = stats;
        this.registry = registry;
    }

    /** For CDI proxies only. */
    protected StatsMetrics() {
        this(null, null);
    }

    void register(@Observes @Initialized(ApplicationScoped.class) Object start) {
        for (String counter : PipelineStats.COUNTERS) {
            registry.gauge(Metadata.builder().withName("visage_pipeline_" + counter)
                            .withDescription("face pipeline counter " + counter + " (persisted, all tenants)").build(),
                    this, m -> m.snapshot().counters().getOrDefault(counter, 0L));
        }
        for (String stage : new String[] {"fetch", "decode", "detect", "align_crop", "quality", "embed", "dedup",
                "artifact_paths", "store_artifacts", "index", "update_metrics", "result", "total"}) {
            registry.gauge(Metadata.builder().withName("visage_pipeline_stage_avg_ms")
                            .withDescription("average milliseconds per face-pipeline stage (persisted)").build(),
                    this, m -> timing(m, stage).avg(), new Tag("stage", stage));
            registry.gauge(Metadata.builder().withName("visage_pipeline_stage_p95_ms")
                            .withDescription("95th percentile milliseconds per face-pipeline stage (histogram bound)").build(),
                    this, m -> timing(m, stage).p95(), new Tag("stage", stage));
        }
    }

    private static StatsSnapshot.StageTiming timing(StatsMetrics m, String stage) {
        return m.snapshot().timingsMs().getOrDefault(stage, new StatsSnapshot.StageTiming(0, 0, 0, 0));
    }

    StatsSnapshot snapshot() {
        Cached c = cache.get();
        long now = System.currentTimeMillis();
        if (c == null || now - c.at() > 1000) {
            try {
                c = new Cached(now, stats.snapshot(Optional.empty()));
            } catch (RuntimeException e) {
                // Database down: a scrape shows zeros rather than failing the whole /metrics page.
                return c == null ? new StatsSnapshot("global", java.util.Map.of(), java.util.Map.of()) : c.snapshot();
            }
            cache.set(c);
        }
        return c.snapshot();
    }
}
