package dev.visage.console.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visage.console.application.StatsBoard;
import dev.visage.stats.application.StatsSnapshot;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DefaultStatsBoardTest {

    @Test
    void stagesFollowThePipelineWithUnknownStagesBeforeTheTotal() {
        Map<String, StatsSnapshot.StageTiming> timings = new TreeMap<>();
        for (String stage : List.of("total", "embed", "fetch", "zeta", "detect", "result")) {
            timings.put(stage, new StatsSnapshot.StageTiming(2, 10, 5, 6.25));
        }
        StatsBoard.ScopeStats scope = DefaultStatsBoard.scope(
                new StatsSnapshot("acme", Map.of("images_total", 2L), timings));

        assertEquals(List.of("fetch", "detect", "embed", "result", "zeta", "total"),
                scope.stages().stream().map(StatsBoard.StageStats::stage).toList());
        assertEquals(new StatsBoard.StageStats("fetch", 2, 5, 6.25, 10), scope.stages().get(0));
        assertEquals("acme", scope.scope());
    }
}
