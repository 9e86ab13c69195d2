package dev.visage.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.visage.console.domain.QueueRates;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QueueRatesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theFirstLookHasNoRate() {
        QueueRates.Rates r = new QueueRates().observe("q", 10, 5, T0);
        assertNull(r.added());
        assertNull(r.acknowledged());
    }

    @Test
    void ratesAreDeltasPerSecond() {
        QueueRates rates = new QueueRates();
        rates.observe("q", 10, 5, T0);
        QueueRates.Rates r = rates.observe("q", 30, 9, T0.plusSeconds(4));
        assertEquals(5.0, r.added());
        assertEquals(1.0, r.acknowledged());
    }

    @Test
    void looksCloserThanASecondKeepTheLastRate() {
        QueueRates rates = new QueueRates();
        rates.observe("q", 0, 0, T0);
        rates.observe("q", 10, 10, T0.plusSeconds(2));
        QueueRates.Rates r = rates.observe("q", 100, 100, T0.plusSeconds(2).plusMillis(300));
        assertEquals(5.0, r.added());
    }

    @Test
    void aCounterThatWentDownStartsOver() {
        QueueRates rates = new QueueRates();
        rates.observe("q", 100, 100, T0);
        assertNull(rates.observe("q", 3, 3, T0.plusSeconds(5)).added(), "broker restarted: no rate yet");
        assertEquals(1.0, rates.observe("q", 8, 8, T0.plusSeconds(10)).added());
    }

    @Test
    void queuesAreTrackedApart() {
        QueueRates rates = new QueueRates();
        rates.observe("a", 0, 0, T0);
        rates.observe("b", 0, 0, T0);
        assertEquals(2.0, rates.observe("a", 4, 0, T0.plusSeconds(2)).added());
        assertEquals(0.0, rates.observe("b", 0, 0, T0.plusSeconds(2)).added());
    }
}
