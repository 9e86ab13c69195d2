package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.visage.it.corpus.DamagedImages;
import dev.visage.it.corpus.DamagedImages.Sample;
import dev.visage.it.corpus.HostileJson;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 13 item 6, the queue side of the corpus: hostile JSON, every ingest field one past its
 * limit and the damaged images (uploaded, so that the worker decodes them) on the ingest queue.
 * Every dead letter carries its reason, a field over its limit is dead-lettered at once naming
 * the field, the server log has no OutOfMemoryError, and the service is ready afterwards.
 */
@ResourceLock(SuiteLocks.DEAD_LETTER_QUEUE)
class CorpusQueueIT {

    private static final String DLQ = "visage.DLQ";
    private static final String FROM_INGEST = "visage_original_queue = '" + IngestFailuresIT.QUEUE + "'";

    @Test
    void theIngestQueueTakesTheWholeCorpusAndEveryDeadLetterSaysWhy() throws Exception {
        String tenant = "corpusq-" + UUID.randomUUID().toString().substring(0, 8);
        for (Sample s : HostileJson.bodies()) {
            Broker.sendText(IngestFailuresIT.QUEUE, new String(s.bytes(), StandardCharsets.UTF_8));
        }
        for (HostileJson.FieldCase f : HostileJson.ingestFields()) {
            if (f.over()) {
                Broker.sendText(IngestFailuresIT.QUEUE, HostileJson.ingestMessage(tenant, UUID.randomUUID().toString(),
                        f.field(), f.value(), "null"));
                Message dead = IngestFailuresIT.deadLetter(f.field().jsonName() + " must be at most%");
                assertEquals(1, dead.getIntProperty("visage_delivery_attempts"), f + " is never retried");
            }
        }
        Broker.sendText(IngestFailuresIT.QUEUE, HostileJson.ingestMessage(tenant, UUID.randomUUID().toString(), null, null,
                HostileJson.faceHints(101)));
        IngestFailuresIT.deadLetter("face_hints%");

        long before = IngestPipelineIT.done(tenant);
        int uploaded = 0;
        byte[] photo = Photos.bytes(CorpusIT.CORPUS_PHOTO);
        for (Sample s : DamagedImages.from(photo, CorpusIT.png(photo))) {
            Api.Reply r = IngestPipelineIT.tenant(tenant).postFile("/api/v1/ingest", "file", s.name() + ".jpg",
                    "image/jpeg", s.bytes());
            if (r.status() == 202) {
                uploaded++;
            } else {
                assertEquals(422, r.status(), s + ": " + r);
                assertFalse(r.json().getString("detail", "").isBlank(), s + ": " + r);
            }
        }
        // each accepted upload ends processed or dead-lettered (both count as done), none stays in flight
        IngestPipelineIT.awaitDone(tenant, before + uploaded, Duration.ofMinutes(3));

        assertNull(Broker.receive(DLQ, FROM_INGEST + " AND (visage_failure_reason IS NULL OR visage_failure_reason = '')",
                Duration.ofSeconds(2)), "every dead letter from the ingest queue carries its reason");
        for (Message m = next(); m != null; m = next()) {
            assertFalse(m.getStringProperty("visage_failure_reason").isBlank(), describe(m));
        }
        assertEquals("UP", Api.server().get("/health/ready").json().getString("status"));
        CorpusIT.assertNoErrorInTheServerLog();
    }

    private static Message next() {
        return Broker.receive(DLQ, FROM_INGEST, Duration.ofSeconds(2));
    }

    private static String describe(Message m) throws JMSException {
        return m.getJMSMessageID() + " " + m.getStringProperty("visage_failure_reason");
    }
}
