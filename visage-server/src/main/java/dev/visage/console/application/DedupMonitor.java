package dev.visage.console.application;

import java.util.List;
import java.util.Optional;

/** The dedup cache for operators: size, hit rates, settings; flush all of it or one tenant's. */
public interface DedupMonitor {

    DedupOverview board();

    /** Forgets remembered images and faces (and hit counts) of one tenant, or of all; returns how many entries. */
    long flush(Optional<String> tenantId);

    /**
     * @param imageHitRate share of image lookups that found a (near-)duplicate, 0..1; null before any lookup
     * @param faceHitRate  share of faces found already seen, 0..1; null before any face was checked
     */
    record DedupUsage(String scope, long images, long faces, long imageChecks, long imageHits, Double imageHitRate,
                 long faceChecks, long faceHits, Double faceHitRate) {
    }

    record DedupSettings(boolean enabled, int maxHamming, long ttlSeconds) {
    }

    record DedupOverview(DedupSettings settings, DedupUsage global, List<DedupUsage> tenants) {
    }
}
