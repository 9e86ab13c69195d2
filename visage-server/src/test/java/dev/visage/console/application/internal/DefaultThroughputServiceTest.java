package dev.visage.console.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visage.console.application.ThroughputService;
import dev.visage.ingest.application.ImageJobQueries;
import dev.visage.ingest.application.JobView;
import dev.visage.stats.application.MinuteCounters;
import dev.visage.stats.application.PipelineStats;
import dev.visage.stats.application.StatsSnapshot;
import dev.visage.stats.application.TenantCounters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DefaultThroughputServiceTest {

    private static final Instant M0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant M1 = M0.plusSeconds(60);

    @Test
    void ratesArePerSecondAveragesOfEachMinuteWithImageJobsAlongside() {
        PipelineStats stats = new FixedStats(List.of(
                new MinuteCounters(M0, Map.of(PipelineStats.IMAGES_TOTAL, 30L, PipelineStats.FACES_PROCESSED, 90L,
                        PipelineStats.FACES_DETECTED, 120L, PipelineStats.FACES_DUP_SKIPPED, 20L)),
                new MinuteCounters(M1, Map.of(PipelineStats.IMAGES_TOTAL, 6L, PipelineStats.FACES_PROCESSED, 3L))));
        ImageJobQueries jobs = new FixedJobs(List.of(new ImageJobQueries.MinuteCount(M1, 5, 1)));

        ThroughputService.Throughput t = new DefaultThroughputService(stats, jobs).throughput(Duration.ofMinutes(2));

        assertEquals(2, t.windowMinutes());
        ThroughputService.ThroughputMinute first = t.minutes().get(0);
        assertEquals(M0, first.minute());
        assertEquals(0.5, first.imagesPerSecond(), 1e-9);
        assertEquals(1.5, first.facesPerSecond(), 1e-9);
        assertEquals(120, first.facesDetected());
        assertEquals(20, first.facesDupSkipped());
        assertEquals(0, first.imageJobs());
        ThroughputService.ThroughputMinute second = t.minutes().get(1);
        assertEquals(6, second.imageJobs(), "completed and failed jobs of the same minute");
        assertEquals(0.1, second.imageJobsPerSecond(), 1e-9);
        assertEquals(new ThroughputService.ThroughputTotals(36, 93, 120, 6, 0.5, 1.5), t.totals());
    }

    private record FixedStats(List<MinuteCounters> minutes) implements PipelineStats {
        @Override
        public void record(String tenantId, Map<String, Long> counters, Map<String, Double> timingsMs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StatsSnapshot snapshot(Optional<String> tenantId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<TenantCounters> tenants() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<MinuteCounters> perMinute(Duration window) {
            return minutes;
        }

        @Override
        public void reset(Optional<String> tenantId) {
            throw new UnsupportedOperationException();
        }
    }

    private record FixedJobs(List<ImageJobQueries.MinuteCount> minutes) implements ImageJobQueries {
        @Override
        public JobList list(JobQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<JobView> find(UUID jobId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Long> countByStatus() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<MinuteCount> finishedPerMinute(Duration window) {
            return minutes;
        }
    }
}
