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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code ./visage up --cluster} loses one part at a time while photos are in flight: the live
 * broker (kill -9; the backup takes over, the old primary comes back and takes over again), the
 * external database (restarted), one Liberty instance (kill -9 of the instance and its supervisor).
 * After each, every photo is processed exactly once — counters and rows — and nothing is
 * dead-lettered. Not the suite's server: this drives the real scripts, on its own work folder and ports.
 */
@Isolated("restarts the suite's PostgreSQL")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverIT {

    static final int ROUND = 64;

    final ClusterUp cluster = new ClusterUp();
    final String tenant = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
    List<byte[]> photos;
    long submitted;

    @BeforeAll
    void up() throws IOException {
        photos = photos();
        ClusterUp.Result up = cluster.visage(Duration.ofMinutes(12), "up", "--cluster");
        assertEquals(0, up.exitCode(), "./visage up --cluster");
        assertTrue(cluster.statusOf("broker-primary").matches("broker-primary live pid \\d+"), up.output());
        assertTrue(cluster.statusOf("broker-backup").matches("broker-backup backup pid \\d+"), up.output());
        for (int instance = 1; instance <= 2; instance++) {
            assertTrue(cluster.statusOf("liberty-" + instance).startsWith("liberty-" + instance + " ready pid "), up.output());
        }
    }

    @AfterAll
    void down() {
        assertEquals(0, cluster.visage(Duration.ofMinutes(5), "down").exitCode(), "./visage down");
        Waits.until(Duration.ofSeconds(30), () -> ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(cmd -> cmd.contains(cluster.work.toString())).toList(), List::isEmpty,
                "no process of the cluster's work folder after ./visage down");
    }

    @Test
    @Order(1)
    void killNineOfTheLiveBrokerLosesNothingAndThePrimaryTakesOverAgain() throws Exception {
        // Paused while the 3 x 64 are uploaded (through both instances), so that all are queued when the broker dies.
        var primaryBroker = Broker.connectionFactory(cluster.base + 4);
        Broker.queueOperation(primaryBroker, "visage.ingest", "pause");
        try {
            for (int round = 0; round < 3; round++) {
                submit(round % 2 + 1, ROUND);
            }
        } finally {
            Broker.queueOperation(primaryBroker, "visage.ingest", "resume");
        }
        Waits.until(Duration.ofMinutes(5), this::rows, n -> n >= 20, "20 photos processed before the broker dies");
        long before = rows();
        ProcessHandle primary = ProcessHandle.of(cluster.pid("broker-primary.pid")).orElseThrow();
        assertTrue(primary.info().commandLine().orElse("").contains("broker-primary"), "run/broker-primary.pid is the primary");
        primary.destroyForcibly(); // SIGKILL: no clean shutdown, no hand-over
        primary.onExit().get(30, TimeUnit.SECONDS);
        System.out.printf("[cluster] killed the live broker with %d of %d photos processed%n", before, submitted);
        assertTrue(before < submitted, "the broker died while work was in flight");

        Waits.until(Duration.ofMinutes(1), () -> cluster.statusOf("broker-backup"), s -> s.startsWith("broker-backup live"),
                "the backup to take over");
        awaitEverythingOnce();
        bothReady();
        assertBothInstancesConsumeFrom(cluster.base + 5);

        // The old primary returns: it catches up as the backup's replica, then takes the work back.
        assertEquals(0, cluster.visage(Duration.ofMinutes(5), "up", "--cluster").exitCode(), "./visage up --cluster again");
        assertTrue(cluster.statusOf("broker-primary").startsWith("broker-primary live"));
        assertTrue(cluster.statusOf("broker-backup").startsWith("broker-backup backup"));
        bothReady();
        assertBothInstancesConsumeFrom(cluster.base + 4);
        submit(1, 4);
        submit(2, 4);
        awaitEverythingOnce();
    }

    /** Every MDB session of both instances (MAX_WORKER_CONCURRENCY, 4, each) consumes from the live broker on this port. */
    void assertBothInstancesConsumeFrom(int brokerPort) {
        var live = Broker.connectionFactory(brokerPort);
        Waits.until(Duration.ofMinutes(2), () -> ((Number) Broker.queueAttribute(live, "visage.ingest", "consumerCount")).intValue(),
                n -> n == 2 * 4, "both instances' 4 sessions each consuming visage.ingest on port " + brokerPort);
    }

    @Test
    @Order(2)
    void aRestartOfTheExternalDatabaseUnderLoadLosesNothing() {
        submit(1, ROUND / 2);
        submit(2, ROUND / 2);
        long before = Waits.until(Duration.ofMinutes(5), this::rows, n -> n >= submitted - ROUND + 5,
                "work under way before the database stops");
        cluster.suiteDatabase("stop");
        try {
            for (int instance = 1; instance <= 2; instance++) {
                int i = instance;
                Waits.until(Duration.ofMinutes(1), () -> cluster.readiness(i), s -> s == 503,
                        "instance " + i + " not ready without its database");
            }
        } finally {
            cluster.suiteDatabase("start");
        }
        System.out.printf("[cluster] restarted the database with %d of %d photos processed%n", before, submitted);
        bothReady();
        awaitEverythingOnce();
    }

    @Test
    @Order(3)
    void theOtherInstanceKeepsConsumingWhenOneIsLost() throws Exception {
        submit(1, ROUND / 2);
        submit(2, ROUND / 2);
        Waits.until(Duration.ofMinutes(5), this::rows, n -> n >= submitted - ROUND + 5, "work under way on both instances");
        // The supervisor first, so that nothing starts instance 2 again: it is gone, as with its machine.
        for (String runFile : new String[] {"liberty-2-supervisor.pid", "liberty-2.pid"}) {
            ProcessHandle process = ProcessHandle.of(cluster.pid(runFile)).orElseThrow();
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);
        }
        assertEquals("liberty-2 stopped", cluster.statusOf("liberty-2"));
        awaitEverythingOnce();
        assertEquals(200, cluster.readiness(1));
    }

    /**
     * Uploads the next photos, as a client should: a 503 (the broker switching its live node, nothing
     * stored) is retried; anything else but 202 fails the test.
     */
    void submit(int instance, int count) {
        Api api = cluster.api(instance).header("X-API-Key", Api.ADMIN_KEY).header("X-Tenant-ID", tenant);
        for (int i = 0; i < count; i++) {
            byte[] photo = photos.get((int) submitted);
            String name = "photo-" + submitted + ".jpg";
            Api.Reply r = Waits.until(Duration.ofMinutes(1), () -> api.postFile("/api/v1/ingest", "file", name, "image/jpeg", photo),
                    reply -> reply.status() != 503, "the upload of " + name + " taken");
            assertEquals(202, r.status(), r::toString);
            submitted++;
        }
    }

    long rows() {
        return cluster.count("SELECT count(*) FROM ingested_images WHERE tenant_id = ?", tenant);
    }

    void bothReady() {
        for (int instance = 1; instance <= 2; instance++) {
            int i = instance;
            Waits.until(Duration.ofMinutes(3), () -> cluster.readiness(i), s -> s == 200, "instance " + i + " ready");
        }
    }

    /** Every photo submitted so far: one row, one acknowledgement, no dead letter, no face twice. */
    void awaitEverythingOnce() {
        Api api = cluster.api(1).header("X-API-Key", Api.ADMIN_KEY).header("X-Tenant-ID", tenant);
        JsonObject c = Waits.until(Duration.ofMinutes(8), () -> api.get("/api/v1/stats").json().getJsonObject("counters"),
                n -> n.getJsonNumber("worker_msgs_acked").longValue() + n.getJsonNumber("worker_msgs_dlq").longValue() >= submitted,
                submitted + " messages finished");
        assertEquals(submitted, c.getJsonNumber("worker_msgs_acked").longValue(), "each message acknowledged once: " + c);
        assertEquals(0, c.getJsonNumber("worker_msgs_dlq").longValue(), "nothing dead-lettered: " + c);
        assertEquals(submitted, c.getJsonNumber("images_total").longValue(), c::toString);
        assertEquals(submitted, rows(), "one image row per photo");
        assertEquals(0, cluster.count("SELECT count(*) FROM (SELECT image_sha256, face_index FROM faces WHERE tenant_id = ?"
                + " GROUP BY image_sha256, face_index HAVING count(*) > 1) d", tenant), "no face stored twice");
    }

    /** 320 distinct photos: every deepface photo at several small widths (small, so that the 2-core CI keeps up). */
    static List<byte[]> photos() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(Photos.dir())) {
            files = list.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        List<byte[]> out = new ArrayList<>();
        for (int width : new int[] {480, 440, 400, 360, 320, 300}) {
            for (Path photo : files) {
                out.add(TestImages.scaledToWidth(Files.readAllBytes(photo), width));
            }
        }
        assertTrue(out.size() >= 3 * ROUND + 8 + 2 * ROUND, "enough distinct photos: " + out.size());
        return out;
    }
}
