package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Poison and failing messages end on visage.DLQ with their reason as a property. */
@ResourceLock(SuiteLocks.DEAD_LETTER_QUEUE)
class DeadLetterIT {

    static final int MAX_ATTEMPTS = Integer.parseInt(System.getenv().getOrDefault("VISAGE_MAX_DELIVERY_ATTEMPTS", "3"));

    @Test
    void malformedMessageIsDeadLetteredAtOnceWithItsReason() throws Exception {
        String marker = UUID.randomUUID().toString();
        Broker.sendText("visage.images", "{\"job_id\": \"" + marker + "\"");   // truncated JSON

        Message dead = Broker.receive("visage.DLQ", "visage_original_queue = 'visage.images'"
                + " AND visage_failure_reason LIKE 'malformed JSON%'", Duration.ofSeconds(30));
        assertNotNull(dead, "malformed message on the DLQ");
        assertTrue(((TextMessage) dead).getText().contains(marker));
        assertEquals(1, dead.getIntProperty("visage_delivery_attempts"), "no redelivery for malformed input");
    }

    @Test
    void missingFieldIsNamedInTheReason() throws Exception {
        String marker = UUID.randomUUID().toString();
        Broker.sendText("visage.images", "{\"tenant_id\": \"" + marker + "\"}");
        Message dead = Broker.receive("visage.DLQ", "visage_failure_reason = 'missing field job_id'",
                Duration.ofSeconds(30));
        assertNotNull(dead);
        assertTrue(((TextMessage) dead).getText().contains(marker));
    }

    @Test
    void keepsFailingThenLandsInTheDlqAfterTheConfiguredAttempts() throws Exception {
        // Nothing listens on port 1 (the test server may fetch from loopback): every attempt
        // fails transiently, with "connection refused", until the attempts are used up.
        Api.Reply accepted = Api.admin().postJson("/api/v1/images", "{\"url\":\"http://127.0.0.1:1/face.jpg\"}");
        assertEquals(202, accepted.status(), accepted::toString);
        String jobId = accepted.json().getString("id");

        Message dead = Broker.receive("visage.DLQ", "visage_failure_reason LIKE 'gave up after%'"
                + " AND visage_original_queue = 'visage.images'", Duration.ofSeconds(90));
        assertNotNull(dead, "failing message on the DLQ");
        assertTrue(((TextMessage) dead).getText().contains(jobId), "the DLQ copy keeps the original body");
        assertEquals(MAX_ATTEMPTS, dead.getIntProperty("visage_delivery_attempts"));
        assertTrue(dead.getStringProperty("visage_failure_reason").startsWith("gave up after " + MAX_ATTEMPTS + " attempts"),
                () -> {
                    try {
                        return dead.getStringProperty("visage_failure_reason");
                    } catch (jakarta.jms.JMSException e) {
                        return e.toString();
                    }
                });

        // The dead letter and the job row commit in one XA transaction, but its two branches become
        // visible one after the other: wait for the row rather than read it once.
        JsonObject job = Waits.until(Duration.ofSeconds(30), () -> Api.admin().get("/api/v1/jobs/" + jobId).json(),
                j -> "failed".equals(j.getString("status")),
                "the job to record its last attempt");
        assertEquals("failed", job.getString("status"));
        // The job counts the attempts that reached the worker; the broker's delivery count (above) can
        // be one higher when a prefetched delivery is returned unprocessed, e.g. on a very loaded machine.
        int attempts = job.getInt("attempts");
        assertTrue(attempts >= MAX_ATTEMPTS - 1 && attempts <= MAX_ATTEMPTS, "retried, within the limit: " + attempts);
    }
}
