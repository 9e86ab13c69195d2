package dev.visage.console.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.visage.console.application.DedupMonitor;
import dev.visage.dedup.application.DedupService;
import org.junit.jupiter.api.Test;

class DefaultDedupMonitorTest {

    @Test
    void hitRatesAreHitsPerCheck() {
        DedupMonitor.DedupUsage u = DefaultDedupMonitor.usage(
                new DedupService.DedupStats("acme", true, 8, 3600, 10, 25, 4, 1, 8, 6));
        assertEquals(new DedupMonitor.DedupUsage("acme", 10, 25, 4, 1, 0.25, 8, 6, 0.75), u);
    }

    @Test
    void withoutLookupsThereIsNoRate() {
        DedupMonitor.DedupUsage u = DefaultDedupMonitor.usage(
                new DedupService.DedupStats("global", true, 8, 3600, 0, 0, 0, 0, 0, 0));
        assertNull(u.imageHitRate());
        assertNull(u.faceHitRate());
    }
}
