package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every deepface photo through the queue twice: the first pass stores faces, the second
 * finds every accepted face a duplicate; counters, timings and row counts agree.
 */
class IngestPipelineIT {

    static final String QUEUE = "visage.ingest";

    static Api tenant(String tenant) {
        return Api.admin().header("X-Tenant-ID", tenant);
    }

    static JsonObject counters(String tenant) {
        return tenant(tenant).get("/api/v1/stats").json().getJsonObject("counters");
    }

    static long done(String tenant) {
        JsonObject c = counters(tenant);
        return c.getJsonNumber("worker_msgs_acked").longValue() + c.getJsonNumber("worker_msgs_dlq").longValue();
    }

    static JsonObject awaitDone(String tenant, long messages, Duration timeout) {
        Waits.until(timeout, () -> done(tenant), n -> n >= messages, messages + " messages of " + tenant + " finished");
        return tenant(tenant).get("/api/v1/stats").json();
    }

    static long n(JsonObject counters, String name) {
        return counters.getJsonNumber(name).longValue();
    }

    @Test
    void allPhotosTwiceThroughTheQueueTheSecondPassIsAllDuplicates() throws IOException {
        String tenant = "photos-" + UUID.randomUUID().toString().substring(0, 8);
        List<Path> photos;
        try (Stream<Path> files = Files.list(Photos.dir())) {
            photos = files.filter(p -> p.toString().endsWith(".jpg") || p.toString().endsWith(".png")).sorted().toList();
        }
        assertTrue(photos.size() >= 50, "the deepface photos are there");

        // Pass 1: multipart uploads (stored in raw-images, then queued)
        long begin = System.nanoTime();
        List<String> messages = new ArrayList<>();
        for (Path photo : photos) {
            Api.Reply r = tenant(tenant).postMultipart("/api/v1/ingest", Map.of("group_id", "deepface"), "file",
                    photo.getFileName().toString(), "image/jpeg", Files.readAllBytes(photo));
            assertEquals(202, r.status(), r::toString);
            messages.add(r.json().getJsonArray("messages").getJsonObject(0).toString());
        }
        JsonObject first = awaitDone(tenant, photos.size(), Duration.ofMinutes(8));
        JsonObject c1 = first.getJsonObject("counters");
        JsonObject dedup1 = DedupIT.stats(tenant);
        long expires1 = Db.count("SELECT CAST(extract(epoch FROM max(expires_at)) * 1000000 AS bigint) FROM dedup_images"
                + " WHERE tenant_id = ?", tenant);
        double pass1 = (System.nanoTime() - begin) / 1e9;
        System.out.printf("[throughput] pass 1 (upload + queue + pipeline): %d photos in %.1f s = %.2f photos/s; %s%n",
                photos.size(), pass1, photos.size() / pass1, c1);
        assertEquals(photos.size(), n(c1, "worker_msgs_acked"), c1::toString);
        assertEquals(0, n(c1, "worker_msgs_dlq"));
        assertEquals(photos.size(), n(c1, "images_total"));
        assertTrue(n(c1, "faces_processed") >= photos.size() * 8 / 10, "most photos yield a face: " + c1);
        assertEquals(n(c1, "faces_detected"), n(c1, "faces_processed") + n(c1, "faces_rejected") + n(c1, "faces_dup_skipped"));
        assertEquals(n(c1, "faces_processed"), Db.count("SELECT count(*) FROM faces WHERE tenant_id = ?", tenant),
                "one face row per processed face");
        // VISAGE_INGEST_ATTRIBUTES is off by default: the age/gender and anti-spoof models do not run for stored faces
        assertEquals(0, Db.count("SELECT count(*) FROM faces WHERE tenant_id = ? AND (age IS NOT NULL"
                + " OR gender IS NOT NULL OR antispoof IS NOT NULL)", tenant), "no attributes nobody asked for");
        assertEquals(n(c1, "faces_processed"),
                Db.count("SELECT count(*) FROM faces WHERE tenant_id = ? AND group_id = 'deepface'", tenant),
                "the upload's group_id labels every stored face");
        // every stored face has its crop: padded box, square, 300×300 (visage.ingest.crop-size)
        List<String> crops = Db.strings("SELECT crop_bucket || '/' || crop_key FROM faces WHERE tenant_id = ?", tenant);
        assertEquals(n(c1, "faces_processed"), crops.size());
        for (String crop : crops) {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(
                    Path.of(System.getenv("VISAGE_STORAGE_DIR"), crop).toFile());
            assertEquals(300, image.getWidth(), crop);
            assertEquals(300, image.getHeight(), crop);
        }
        // search finds every stored face: its own vector brings it back first, within its tenant
        List<String> stored = Db.strings("SELECT id || ' ' || embedding::text FROM faces WHERE tenant_id = ?", tenant);
        for (String row : stored) {
            String id = row.substring(0, row.indexOf(' '));
            Api.Reply found = tenant(tenant).postJson("/api/v1/search-face",
                    "{\"embedding\":" + row.substring(row.indexOf(' ') + 1) + ",\"top_k\":1}");
            assertEquals(200, found.status(), found::toString);
            assertEquals(id, found.json().getJsonArray("matches").getJsonObject(0).getString("face_id"), found::toString);
        }
        JsonObject t1 = first.getJsonObject("timings_ms");
        for (String stage : List.of("fetch", "decode", "detect", "align_crop", "quality", "embed", "dedup",
                "artifact_paths", "store_artifacts", "index", "update_metrics", "result")) {
            assertEquals(photos.size(), t1.getJsonObject(stage).getInt("count"), stage + " timed once per photo");
            assertTrue(t1.getJsonObject(stage).getJsonNumber("avg").doubleValue() >= 0);
        }

        long begin2 = System.nanoTime();
        // Pass 2: the same messages as a plain Jakarta Messaging producer would send them:
        // TextMessage, MapMessage "message" (preferred) and MapMessage "data" (legacy).
        try (JMSContext context = Broker.connectionFactory().createContext()) {
            for (int i = 0; i < messages.size(); i++) {
                String json = messages.get(i);
                switch (i % 3) {
                    case 0 -> context.createProducer().send(context.createQueue(QUEUE), json);
                    default -> {
                        MapMessage map = context.createMapMessage();
                        map.setString(i % 3 == 1 ? "message" : "data", json);
                        context.createProducer().send(context.createQueue(QUEUE), map);
                    }
                }
            }
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
        JsonObject second = awaitDone(tenant, 2L * photos.size(), Duration.ofMinutes(8));
        JsonObject c2 = second.getJsonObject("counters");
        double pass2 = (System.nanoTime() - begin2) / 1e9;
        System.out.printf("[throughput] pass 2 (queue only, all duplicates): %d photos in %.1f s = %.2f photos/s; timings %s%n",
                photos.size(), pass2, photos.size() / pass2, second.getJsonObject("timings_ms"));
        assertEquals(2L * photos.size(), n(c2, "worker_msgs_acked"), c2::toString);
        assertEquals(0, n(c2, "faces_processed") - n(c1, "faces_processed"), "nothing new stored");
        assertEquals(n(c1, "faces_processed") + n(c1, "faces_dup_skipped"),
                n(c2, "faces_dup_skipped") - n(c1, "faces_dup_skipped"),
                "every face accepted in pass 1 is a duplicate in pass 2");
        assertEquals(2 * n(c1, "faces_detected"), n(c2, "faces_detected"));
        assertEquals(n(c1, "faces_processed"), Db.count("SELECT count(*) FROM faces WHERE tenant_id = ?", tenant));
        // a re-crawl is answered from what is stored: every message fetched and checked, none decoded or embedded again
        JsonObject t2 = second.getJsonObject("timings_ms");
        assertEquals(2L * photos.size(), t2.getJsonObject("fetch").getInt("count"), t2::toString);
        assertEquals(photos.size(), t2.getJsonObject("decode").getInt("count"), "no photo decoded twice: " + t2);
        assertEquals(photos.size(), t2.getJsonObject("embed").getInt("count"), "no face embedded twice: " + t2);
        assertEquals(photos.size(), Db.count("SELECT count(*) FROM ingested_images WHERE tenant_id = ?", tenant));
        // ...and still counts as dedup's work: one image check and hit per message, a face check and hit per face,
        // the entries' lifetime renewed
        JsonObject dedup2 = DedupIT.stats(tenant);
        long skipped = n(c2, "faces_dup_skipped") - n(c1, "faces_dup_skipped");
        assertEquals(photos.size(), dedup2.getJsonNumber("image_checks").longValue()
                - dedup1.getJsonNumber("image_checks").longValue(), dedup2::toString);
        assertEquals(photos.size(), dedup2.getJsonNumber("image_hits").longValue()
                - dedup1.getJsonNumber("image_hits").longValue(), dedup2::toString);
        assertEquals(skipped, dedup2.getJsonNumber("face_hits").longValue()
                - dedup1.getJsonNumber("face_hits").longValue(), dedup2::toString);
        assertEquals(skipped, dedup2.getJsonNumber("face_checks").longValue()
                - dedup1.getJsonNumber("face_checks").longValue(), dedup2::toString);
        assertTrue(Db.count("SELECT CAST(extract(epoch FROM min(expires_at)) * 1000000 AS bigint) FROM dedup_images"
                + " WHERE tenant_id = ?", tenant) > expires1, "every image's entry renewed after pass 1's last one");
        assertTrue(Db.count("SELECT CAST(extract(epoch FROM min(expires_at)) * 1000000 AS bigint) FROM dedup_faces"
                + " WHERE tenant_id = ?", tenant) > expires1, "every face's entry renewed after pass 1's last one");
    }
}
