package dev.visage.console.application.internal;

import dev.visage.console.application.StatsBoard;
import dev.visage.ingest.application.FacePipeline;
import dev.visage.stats.application.PipelineStats;
import dev.visage.stats.application.StatsSnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the stats context and orders stage timings the way the pipeline runs them. */
@ApplicationScoped
public class DefaultStatsBoard implements StatsBoard {

    /** The stats context's name for the whole message, fetch to result. */
    static final String TOTAL = "total";

    private final PipelineStats stats;

    @Inject
    public DefaultStatsBoard(PipelineStats stats) {
        this.stats = stats;
    }

    /** For CDI proxies only. */
    protected DefaultStatsBoard() {
        this(null);
    }

    @Override
    public StatsOverview board() {
        List<TenantStatsRow> tenants = stats.tenants().stream()
                .map(t -> new TenantStatsRow(t.tenantId(), t.counters())).toList();
        return new StatsOverview(scope(stats.snapshot(Optional.empty())), tenants);
    }

    @Override
    public ScopeStats tenant(String tenantId) {
        return scope(stats.snapshot(Optional.of(tenantId)));
    }

    static ScopeStats scope(StatsSnapshot snapshot) {
        List<StageStats> stages = new ArrayList<>();
        for (Map.Entry<String, StatsSnapshot.StageTiming> e : snapshot.timingsMs().entrySet()) {
            StatsSnapshot.StageTiming t = e.getValue();
            stages.add(new StageStats(e.getKey(), t.count(), t.avg(), t.p95(), t.total()));
        }
        stages.sort(Comparator.comparingInt((StageStats s) -> rank(s.stage())).thenComparing(StageStats::stage));
        return new ScopeStats(snapshot.scope(), snapshot.counters(), stages);
    }

    /** Pipeline stages in their order, then stages the pipeline does not name, then the total. */
    private static int rank(String stage) {
        if (stage.equals(TOTAL)) {
            return Integer.MAX_VALUE;
        }
        int index = FacePipeline.STAGES.indexOf(stage);
        return index < 0 ? FacePipeline.STAGES.size() : index;
    }
}
