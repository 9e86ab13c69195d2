package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Dead letters with precise reasons, tenant-scoped near-dup, and idempotency of a reprocessed message. */
@ResourceLock(SuiteLocks.DEAD_LETTER_QUEUE)
class IngestFailuresIT {

    static final String QUEUE = "visage.ingest";
    static final String SHA = "0".repeat(64);

    static String message(String tenant, String sha, String key, String marker) {
        return "{\"image_sha256\":\"" + sha + "\",\"bucket\":\"raw-images\",\"key\":\"" + key + "\",\"tenant_id\":\""
                + tenant + "\",\"site\":\"" + marker + "\",\"url\":\"https://example.com/x.jpg\","
                + "\"image_phash\":\"8f373c9c3c9c3c1e\",\"face_hints\":null}";
    }

    static Message deadLetter(String reasonLike) {
        Message m = Broker.receive("visage.DLQ", "visage_original_queue = '" + QUEUE + "' AND visage_failure_reason LIKE '"
                + reasonLike + "'", Duration.ofSeconds(60));
        assertNotNull(m, "dead letter with reason like " + reasonLike);
        return m;
    }

    static JsonObject upload(String tenant, String name, byte[] bytes) {
        Api.Reply r = IngestPipelineIT.tenant(tenant).postFile("/api/v1/ingest", "file", name, "image/jpeg", bytes);
        assertEquals(202, r.status(), r::toString);
        return r.json().getJsonArray("messages").getJsonObject(0);
    }

    @Test
    void eachPoisonMessageIsDeadLetteredWithAPreciseReasonAndTheWorkerKeepsConsuming() throws Exception {
        String tenant = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        long globalDlqBefore = IngestPipelineIT.n(Api.admin().get("/api/v1/stats").json().getJsonObject("counters"),
                "worker_msgs_dlq");

        String marker = UUID.randomUUID().toString();
        Broker.sendText(QUEUE, "{\"image_sha256\": \"" + marker + "\"");
        Message malformed = deadLetter("malformed JSON%");
        assertTrue(((TextMessage) malformed).getText().contains(marker));
        assertEquals(1, malformed.getIntProperty("visage_delivery_attempts"), "no redelivery for malformed input");

        Broker.sendText(QUEUE, "{\"image_sha256\":\"" + SHA + "\",\"bucket\":\"raw-images\",\"tenant_id\":\"" + tenant + "\"}");
        deadLetter("missing required fields: key, site, url, image_phash");

        Broker.sendText(QUEUE, message(tenant, "abc123", "x", marker));
        deadLetter("image_sha256 must be 64 hex characters");

        Broker.sendText(QUEUE, message(tenant, SHA, tenant + "/no-such-object.jpg", marker));
        deadLetter("object not found: raw-images/" + tenant + "/no-such-object.jpg");

        // a real object whose bytes do not hash to the message's sha256
        JsonObject photo = upload(tenant, "img1.jpg", Photos.bytes("img1.jpg"));
        IngestPipelineIT.awaitDone(tenant, 2, Duration.ofMinutes(2));
        Broker.sendText(QUEUE, message(tenant, SHA, photo.getString("key"), marker));
        deadLetter("image_sha256 mismatch: the message says " + SHA + "%");

        // a text file: stored and queued like any upload, refused by the decoder
        upload(tenant, "note.txt", "hello, not a photo\n".getBytes());
        deadLetter("not an image: raw-images/" + tenant + "/%");

        // the worker keeps consuming: a good message after the poison ones is processed
        upload(tenant, "img2.jpg", Photos.bytes("img2.jpg"));
        JsonObject c = IngestPipelineIT.awaitDone(tenant, 5, Duration.ofMinutes(2)).getJsonObject("counters");
        assertEquals(2, IngestPipelineIT.n(c, "worker_msgs_acked"), c::toString);
        // missing object, hash mismatch, text file; the three unparseable ones have no trusted tenant
        assertEquals(3, IngestPipelineIT.n(c, "worker_msgs_dlq"), "tenant-attributed dead letters: " + c);
        long globalDlq = IngestPipelineIT.n(Api.admin().get("/api/v1/stats").json().getJsonObject("counters"),
                "worker_msgs_dlq");
        assertEquals(6, globalDlq - globalDlqBefore, "all six count globally");
    }

    @Test
    void aNearDuplicateOfTenantADoesNotSuppressTenantB() throws Exception {
        String a = "tenant-a-" + UUID.randomUUID().toString().substring(0, 8);
        String b = "tenant-b-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] original = Photos.bytes("img3.jpg");
        byte[] copy = resized(original, 0.8);

        upload(a, "img3.jpg", original);
        JsonObject ca = IngestPipelineIT.awaitDone(a, 1, Duration.ofMinutes(2)).getJsonObject("counters");
        long stored = IngestPipelineIT.n(ca, "faces_processed");
        assertTrue(stored > 0, ca::toString);

        upload(b, "copy.jpg", copy);
        JsonObject cb = IngestPipelineIT.awaitDone(b, 1, Duration.ofMinutes(2)).getJsonObject("counters");
        assertEquals(stored, IngestPipelineIT.n(cb, "faces_processed"), "tenant B is not suppressed by A: " + cb);
        assertEquals(0, IngestPipelineIT.n(cb, "faces_dup_skipped"));

        upload(a, "copy.jpg", copy);
        JsonObject ca2 = IngestPipelineIT.awaitDone(a, 2, Duration.ofMinutes(2)).getJsonObject("counters");
        assertEquals(stored, IngestPipelineIT.n(ca2, "faces_dup_skipped"), "the near-duplicate within tenant A: " + ca2);
        assertEquals(stored, IngestPipelineIT.n(ca2, "faces_processed"));
    }

    @Test
    void aMessageProcessedTwiceLeavesOneSetOfRows() throws Exception {
        String tenant = "idem-" + UUID.randomUUID().toString().substring(0, 8);
        JsonObject m = upload(tenant, "img4.jpg", Photos.bytes("img4.jpg"));
        JsonObject c = IngestPipelineIT.awaitDone(tenant, 1, Duration.ofMinutes(2)).getJsonObject("counters");
        long faces = Db.count("SELECT count(*) FROM faces WHERE tenant_id = ?", tenant);
        assertEquals(IngestPipelineIT.n(c, "faces_processed"), faces);
        assertTrue(faces > 0);

        // Forget the dedup entries, so the second run really reprocesses (as after a crash
        // between storing and acknowledging): the unique (tenant, sha256, face) rows hold.
        assertEquals(200, Api.admin().delete("/api/v1/admin/dedup?tenant_id=" + tenant).status());
        Broker.sendText(QUEUE, m.toString());
        JsonObject c2 = IngestPipelineIT.awaitDone(tenant, 2, Duration.ofMinutes(2)).getJsonObject("counters");
        assertEquals(2 * faces, IngestPipelineIT.n(c2, "faces_processed"), "processed again: " + c2);
        assertEquals(faces, Db.count("SELECT count(*) FROM faces WHERE tenant_id = ?", tenant), "still one set of rows");
        assertEquals(1, Db.count("SELECT count(*) FROM ingested_images WHERE tenant_id = ?", tenant));
    }

    static byte[] resized(byte[] jpeg, double scale) throws IOException {
        BufferedImage in = ImageIO.read(new ByteArrayInputStream(jpeg));
        int w = (int) (in.getWidth() * scale);
        int h = (int) (in.getHeight() * scale);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(in, 0, 0, w, h, null);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "jpeg", bytes);
        return bytes.toByteArray();
    }
}
