package dev.visage.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.console.domain.DeadLetterFacts;
import dev.visage.console.domain.JsonBodies;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterFactsTest {

    private static final Instant ARRIVED = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void readsWhatVisageRecords() {
        DeadLetterFacts f = DeadLetterFacts.of(Map.of(
                "visage_original_queue", "visage.images",
                "visage_failure_reason", "malformed JSON: x",
                "visage_delivery_attempts", 3L,
                "visage_failed_at", "2026-01-01T09:59:00Z",
                "visage_first_failed_at", "2026-01-01T09:00:00Z"), ARRIVED);
        assertEquals("visage.images", f.originalQueue());
        assertEquals("malformed JSON: x", f.failureReason());
        assertEquals(3, f.deliveryAttempts());
        assertEquals(Instant.parse("2026-01-01T09:00:00Z"), f.firstFailedAt());
        assertEquals(Instant.parse("2026-01-01T09:59:00Z"), f.lastFailedAt());
        assertTrue(f.parkedByVisage());
    }

    @Test
    void aFirstFailureIsAlsoTheLast() {
        DeadLetterFacts f = DeadLetterFacts.of(Map.of("visage_original_queue", "visage.batch",
                "visage_failed_at", "2026-01-01T09:59:00Z", "visage_delivery_attempts", "2"), ARRIVED);
        assertEquals(f.lastFailedAt(), f.firstFailedAt());
        assertEquals(2, f.deliveryAttempts());
    }

    @Test
    void theBrokersOwnDeadLettersNameOnlyTheQueue() {
        DeadLetterFacts f = DeadLetterFacts.of(Map.of("_AMQ_ORIG_QUEUE", "visage.ingest"), ARRIVED);
        assertEquals("visage.ingest", f.originalQueue());
        assertNull(f.failureReason());
        assertNull(f.deliveryAttempts());
        assertEquals(ARRIVED, f.firstFailedAt());
        assertEquals(ARRIVED, f.lastFailedAt());
        assertFalse(f.parkedByVisage());
    }

    @Test
    void garbledValuesAreUnknownNotErrors() {
        DeadLetterFacts f = DeadLetterFacts.of(Map.of("visage_delivery_attempts", "many", "visage_failed_at", "yesterday"), ARRIVED);
        assertNull(f.deliveryAttempts());
        assertEquals(ARRIVED, f.lastFailedAt());
    }

    @Test
    void jsonBodiesAreReindentedAndOthersLeftAlone() {
        String pretty = JsonBodies.pretty("{\"job_id\":\"42\",\"tenant_id\":\"acme\"}").orElseThrow();
        assertTrue(pretty.contains("\n"), pretty);
        assertTrue(pretty.contains("\"job_id\": \"42\""), pretty);
        assertTrue(JsonBodies.pretty("{\"job_id\": \"42\"").isEmpty(), "truncated JSON is shown raw");
        assertTrue(JsonBodies.pretty("hello").isEmpty());
        assertTrue(JsonBodies.pretty(null).isEmpty());
    }
}
