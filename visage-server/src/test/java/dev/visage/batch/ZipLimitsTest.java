package dev.visage.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.batch.domain.ZipLimits;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ZipLimitsTest {

    static final ZipLimits LIMITS = new ZipLimits(5_000_000_000L, 50_000_000, 1_000_000_000, 100, 1_048_576, 1000);

    @Test
    void zipSlipNamesAreUnsafe() {
        assertTrue(ZipLimits.unsafeName("../evil.jpg").get().contains("zip-slip"));
        assertTrue(ZipLimits.unsafeName("a/../../evil.jpg").isPresent());
        assertTrue(ZipLimits.unsafeName("/etc/passwd").isPresent());
        assertTrue(ZipLimits.unsafeName("C:/windows/evil.jpg").isPresent());
        assertTrue(ZipLimits.unsafeName("a\\..\\evil.jpg").isPresent());
        assertTrue(ZipLimits.unsafeName("a\0b.jpg").isPresent());
        assertEquals(Optional.empty(), ZipLimits.unsafeName("photos/2026/a.jpg"));
        assertEquals(Optional.empty(), ZipLimits.unsafeName("a..b.jpg"), "dots inside a name are fine");
    }

    @Test
    void anEntryIsABombWhenItExpandsTooFarOrTooMuch() {
        assertEquals(Optional.empty(), LIMITS.entryProblem(900_000, 1000), "small entries are not judged by ratio");
        assertTrue(LIMITS.entryProblem(2_000_000, 10_000).get().contains("more than 100 times"));
        assertEquals(Optional.empty(), LIMITS.entryProblem(2_000_000, 1_900_000));
        assertTrue(LIMITS.entryProblem(50_000_001, 50_000_001).get().contains("beyond 50000000 bytes"));
    }

    @Test
    void theArchiveStopsAtItsTotalOrEntryCount() {
        assertEquals(Optional.empty(), LIMITS.archiveProblem(1_000_000_000, 1000));
        assertTrue(LIMITS.archiveProblem(1_000_000_001, 1).get().contains("expands beyond"));
        assertTrue(LIMITS.archiveProblem(1, 1001).get().contains("more than 1000 entries"));
    }
}
