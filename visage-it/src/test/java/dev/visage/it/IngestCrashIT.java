package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Crash safety of the ingest queue: a second Visage instance is killed with SIGKILL while both
 * instances have messages in flight, then started again. Every image must end processed exactly
 * once: one image row each, counters that add up to 200, and no face stored twice.
 */
@Isolated("pauses the ingest queue and kills a second instance that consumes it")
class IngestCrashIT {

    static final int IMAGES = 200;
    static final String QUEUE = "visage.ingest";

    @Test
    void killNineWithTwoHundredInFlightProcessesEveryImageExactlyOnce() throws IOException {
        String tenant = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        Api api = Api.admin().header("X-Tenant-ID", tenant);
        List<byte[]> images = images();

        try (SecondInstance second = SecondInstance.start()) {
            // Paused while the 200 are uploaded, so that all of them are queued when the consumers start.
            Broker.queueOperation(QUEUE, "pause");
            try {
                for (int i = 0; i < images.size(); i++) {
                    Api.Reply r = api.postMultipart("/api/v1/ingest", Map.of("site", "crash-test"), "file",
                            "photo-" + i + ".jpg", "image/jpeg", images.get(i));
                    assertEquals(202, r.status(), r::toString);
                }
            } finally {
                Broker.queueOperation(QUEUE, "resume");
            }
            // Both instances are consuming (4 sessions each): kill one mid-stream.
            Waits.until(Duration.ofMinutes(5), () -> rows(tenant), n -> n >= 20, "20 images processed before the crash");
            long before = rows(tenant);
            second.kill();
            System.out.printf("[crash] killed the second instance with %d of %d images processed%n", before, IMAGES);
            assertTrue(before < IMAGES, "the crash came while work was still in flight");
            second.restart();

            Waits.until(Duration.ofMinutes(10), () -> done(api), n -> n >= IMAGES, IMAGES + " messages finished");
        }
        JsonObject c = api.get("/api/v1/stats").json().getJsonObject("counters");
        assertEquals(IMAGES, rows(tenant), "one image row per image");
        assertEquals(IMAGES, c.getJsonNumber("images_total").longValue(), c::toString);
        assertEquals(IMAGES, c.getJsonNumber("worker_msgs_acked").longValue(), "each message acknowledged once: " + c);
        assertEquals(0, c.getJsonNumber("worker_msgs_dlq").longValue(), c::toString);
        assertEquals(c.getJsonNumber("faces_processed").longValue(),
                Db.count("SELECT count(*) FROM faces WHERE tenant_id = ?", tenant), "one face row per processed face");
        assertEquals(0, Db.count("SELECT count(*) FROM (SELECT image_sha256, face_index FROM faces WHERE tenant_id = ?"
                + " GROUP BY image_sha256, face_index HAVING count(*) > 1) d", tenant), "no face stored twice");
        assertEquals(c.getJsonNumber("faces_detected").longValue(), c.getJsonNumber("faces_processed").longValue()
                + c.getJsonNumber("faces_rejected").longValue() + c.getJsonNumber("faces_dup_skipped").longValue(), c::toString);
    }

    static long rows(String tenant) {
        return Db.count("SELECT count(*) FROM ingested_images WHERE tenant_id = ?", tenant);
    }

    static long done(Api api) {
        JsonObject c = api.get("/api/v1/stats").json().getJsonObject("counters");
        return c.getJsonNumber("worker_msgs_acked").longValue() + c.getJsonNumber("worker_msgs_dlq").longValue();
    }

    /** 200 distinct files: every deepface photo at several widths. */
    static List<byte[]> images() throws IOException {
        List<Path> photos;
        try (Stream<Path> files = Files.list(Photos.dir())) {
            photos = files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        List<byte[]> out = new ArrayList<>();
        for (int width : new int[] {640, 560, 480, 400}) {
            for (Path photo : photos) {
                if (out.size() < IMAGES) {
                    out.add(TestImages.scaledToWidth(Files.readAllBytes(photo), width));
                }
            }
        }
        assertEquals(IMAGES, out.size());
        return out;
    }
}
