package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The durability acceptance: a 500-image digest runs on the second Liberty instance (the
 * suite's server only answers HTTP: its batch consumer is paused), which is killed with
 * SIGKILL in the middle and started again. The job completes with exactly 500 image outcomes,
 * every image's pipeline run committed exactly once (the tenant's images_total counter), and
 * no duplicate face rows. It holds the dead-letter queue too: a dead-letter test's message in flight on the
 * killed instance would be delivered once more than that test counts.
 */
@ResourceLock(SuiteLocks.SECOND_INSTANCE)
@ResourceLock(SuiteLocks.BATCH_CONSUMER)
@ResourceLock(SuiteLocks.DEAD_LETTER_QUEUE)
class BatchDurabilityIT {

    static final int IMAGES = 500;
    static final String MDB = "visage#visage.war#BatchItemListener";

    @Test
    void killMinus9InTheMiddleOfA500ImageDigestThenRestart() throws Exception {
        String tenant = "dur-" + UUID.randomUUID().toString().substring(0, 8);
        Api one = Api.admin().header("X-Tenant-ID", tenant);
        Path dir = Batches.newFolder("durability");
        SecondInstance second = null;
        LibertyServers.run(LibertyServers.first(), "pause", "--target=" + MDB);
        try {
            Batches.variants(dir, IMAGES);
            second = SecondInstance.start();
            Api two = second.api().header("X-API-Key", Api.ADMIN_KEY).header("X-Tenant-ID", tenant);
            Api.Reply accepted = two.postJson("/digest", "{\"local_dir_path\":\"" + dir + "\",\"group_id\":\"durable\"}");
            assertEquals(202, accepted.status(), accepted::toString);
            String jobId = accepted.json().getString("job_id");
            UUID id = UUID.fromString(jobId.substring("digest-".length()));

            JsonObject before = Waits.until(Duration.ofMinutes(10), () -> one.get("/get-digests/" + jobId).json(),
                    j -> j.getInt("total_images") == IMAGES && j.getInt("processed_images") >= IMAGES / 5,
                    "a fifth of the digest to be processed");
            long pid = LibertyServers.pid(LibertyServers.second());
            ProcessHandle liberty = ProcessHandle.of(pid).orElseThrow();
            assertTrue(liberty.destroyForcibly(), "SIGKILL sent to Liberty " + pid);
            liberty.onExit().get(60, TimeUnit.SECONDS);
            int atKill = one.get("/get-digests/" + jobId).json().getInt("processed_images");
            System.out.printf("[durability] killed instance 2 (pid %d) with %d of %d images processed (%s)%n", pid, atKill,
                    IMAGES, before.getString("status"));
            assertTrue(atKill < IMAGES, "killed in the middle: " + atKill);

            second = SecondInstance.start();
            JsonObject done = Batches.awaitStatus(one, "/get-digests/" + jobId, Duration.ofMinutes(20), "completed", "failed");
            assertEquals("completed", done.getString("status"), done::toString);
            assertEquals(IMAGES, done.getInt("total_images"));
            assertEquals(IMAGES, done.getInt("processed_images"));
            assertEquals(0, done.getInt("failed_images"), done::toString);

            // Exactly 500 outcomes, each image once.
            assertEquals(IMAGES, Db.count("SELECT count(*) FROM batch_items WHERE job_id = ?", id));
            assertEquals(IMAGES, Db.count("SELECT count(*) FROM batch_items WHERE job_id = ? AND status = 'DONE'", id));
            assertEquals(IMAGES, Db.count("SELECT count(DISTINCT image_path) FROM batch_items WHERE job_id = ?", id));
            JsonObject counters = one.get("/api/v1/stats").json().getJsonObject("counters");
            assertEquals(IMAGES, counters.getJsonNumber("images_total").longValue(),
                    "each image's pipeline run committed once, none twice: " + counters);

            // No duplicate face rows: one row per (image, face index), as many as the images reported.
            long rows = Db.count("SELECT count(*) FROM faces WHERE tenant_id = ? AND group_id = 'durable'", tenant);
            assertEquals(rows, Db.count("SELECT count(*) FROM (SELECT DISTINCT image_sha256, face_index FROM faces"
                    + " WHERE tenant_id = ? AND group_id = 'durable') f", tenant));
            assertEquals(rows, Db.count("SELECT coalesce(sum(faces_stored), 0) FROM batch_items WHERE job_id = ?", id));
            assertEquals(rows, done.getInt("faces_processed"));
            assertEquals(rows, done.getInt("upserted_face_ids_total"));
            assertTrue(rows >= IMAGES * 8L / 10, "most variants show a face: " + rows);
            assertEquals(IMAGES, Db.count("SELECT count(DISTINCT image_sha256) FROM batch_items WHERE job_id = ?", id),
                    "500 distinct images");
        } finally {
            if (second != null) {
                second.close();
            }
            LibertyServers.run(LibertyServers.first(), "resume", "--target=" + MDB);
            Batches.delete(dir);
        }
    }

    /** The test's Liberty servers, through wlp/bin/server. */
    static final class LibertyServers {

        static String first() {
            return System.getProperty("visage.test.server", "visage-test");
        }

        static String second() {
            return first() + "-2";
        }

        static Path wlp() {
            return Path.of(System.getProperty("visage.wlp", "visage-server/target/liberty/wlp"));
        }

        static long pid(String server) throws IOException {
            Path file = wlp().resolve("usr/servers/.pid/" + server + ".pid");
            Optional<String> text = Files.exists(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
            return Long.parseLong(text.orElseThrow(() -> new IllegalStateException("no pid file " + file)));
        }

        static void run(String server, String... args) throws IOException, InterruptedException {
            String[] command = new String[args.length + 2];
            command[0] = wlp().resolve("bin/server").toString();
            command[1] = args[0];
            command[2] = server;
            System.arraycopy(args, 1, command, 3, args.length - 1);
            Process p = new ProcessBuilder(command).inheritIO().start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        }
    }
}
