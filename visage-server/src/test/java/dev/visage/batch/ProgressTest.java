package dev.visage.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visage.batch.domain.Progress;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void progressNeverClaims100BeforeTheEnd() {
        assertEquals(0, Progress.percent(0, 0, false, false));
        assertEquals(50, Progress.percent(5, 10, true, false));
        assertEquals(99, Progress.percent(10, 10, false, false), "more images may still be found");
        assertEquals(99, Progress.percent(999, 1000, true, false));
        assertEquals(100, Progress.percent(10, 10, true, false));
        assertEquals(100, Progress.percent(0, 0, true, true), "an empty folder completes at 100");
        assertEquals(23.7, Progress.percentOneDecimal(237, 1000, false));
        assertEquals(100.0, Progress.percentOneDecimal(0, 0, true));
    }
}
