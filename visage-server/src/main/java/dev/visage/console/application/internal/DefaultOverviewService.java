package dev.visage.console.application.internal;

import dev.visage.console.application.OverviewService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Calls the same readiness checks {@code /health/ready} runs (every context's
 * {@code @Readiness} bean, so new dependencies show up by themselves) and reads the
 * application's metrics registry, which {@code /metrics} exports.
 */
@ApplicationScoped
public class DefaultOverviewService implements OverviewService {

    private final Instance<HealthCheck> readinessChecks;
    private final MetricRegistry metrics;
    private final Clock clock;

    @Inject
    public DefaultOverviewService(@Readiness Instance<HealthCheck> readinessChecks, MetricRegistry metrics, Clock clock) {
        this.readinessChecks = readinessChecks;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected DefaultOverviewService() {
        this(null, null, null);
    }

    @Override
    public Overview overview() {
        List<Check> checks = new ArrayList<>();
        for (HealthCheck check : readinessChecks) {
            checks.add(call(check));
        }
        checks.sort(Comparator.comparing(Check::name));
        boolean up = checks.stream().allMatch(c -> "UP".equals(c.status()));

        List<Counter> counters = metrics.getCounters().entrySet().stream()
                .map(e -> new Counter(e.getKey().getName(), e.getValue().getCount()))
                .sorted(Comparator.comparing(Counter::name)).toList();
        List<Timing> timings = metrics.getTimers().entrySet().stream()
                .map(e -> new Timing(e.getKey().getName(), e.getValue().getCount(),
                        e.getValue().getSnapshot().getMean() / 1_000_000.0))
                .sorted(Comparator.comparing(Timing::name)).toList();
        return new Overview(up ? "UP" : "DOWN", checks, counters, timings, clock.instant());
    }

    private static Check call(HealthCheck check) {
        try {
            HealthCheckResponse response = check.call();
            Map<String, Object> data = new TreeMap<>(response.getData().orElse(Map.of()));
            return new Check(response.getName(), response.getStatus().name(), data);
        } catch (RuntimeException e) {
            // A check that throws is a DOWN dependency, as MicroProfile Health reports it.
            return new Check(check.getClass().getSimpleName().replaceAll("\\$.*", ""), "DOWN", Map.of("error", String.valueOf(e.getMessage())));
        }
    }
}
