package dev.visage.console.application.internal;

import dev.visage.console.application.DedupMonitor;
import dev.visage.dedup.application.DedupService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** Reads the dedup context and turns its hit counts into rates. */
@ApplicationScoped
public class DefaultDedupMonitor implements DedupMonitor {

    private final DedupService dedup;

    @Inject
    public DefaultDedupMonitor(DedupService dedup) {
        this.dedup = dedup;
    }

    /** For CDI proxies only. */
    protected DefaultDedupMonitor() {
        this(null);
    }

    @Override
    public DedupOverview board() {
        DedupService.DedupStats global = dedup.stats(Optional.empty());
        List<DedupUsage> tenants = dedup.statsByTenant().stream().map(DefaultDedupMonitor::usage).toList();
        DedupSettings settings = new DedupSettings(global.enabled(), global.maxHamming(), global.ttlSeconds());
        return new DedupOverview(settings, usage(global), tenants);
    }

    @Override
    public long flush(Optional<String> tenantId) {
        return dedup.flush(tenantId);
    }

    static DedupUsage usage(DedupService.DedupStats s) {
        return new DedupUsage(s.scope(), s.images(), s.faces(), s.imageChecks(), s.imageHits(),
                rate(s.imageHits(), s.imageChecks()), s.faceChecks(), s.faceHits(), rate(s.faceHits(), s.faceChecks()));
    }

    private static Double rate(long hits, long checks) {
        return checks == 0 ? null : (double) hits / checks;
    }
}
