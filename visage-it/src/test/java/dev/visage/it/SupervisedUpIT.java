package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.ConnectionFactory;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The supervised server of {@code ./visage up}, on its own work folder and ports: Liberty's JVM
 * is killed with SIGKILL while photos are in flight, at a moment when PostgreSQL holds a prepared
 * branch of a delivery's XA transaction; nobody acts, yet the server is ready again,
 * {@code ./visage status} counts the restart, every photo is processed exactly once, and
 * {@code ./visage down} leaves no process behind. Not the suite's server: this drives the real script.
 */
class SupervisedUpIT {

    static final int PHOTOS = 6;

    final Path root = Path.of(System.getProperty("visage.root", "."));
    final Path work = Path.of(System.getenv().getOrDefault("VISAGE_WORK_DIR", root.resolve(".work/test").toString()))
            .resolve("supervised");
    final int base = Integer.parseInt(System.getenv().getOrDefault("VISAGE_TEST_UP_PORT_BASE", "9381"));

    @Test
    void killNineUnderUpIsRestartedCountedAndEveryPhotoProcessedOnce() throws Exception {
        String tenant = "supervised-" + UUID.randomUUID().toString().substring(0, 8);
        Api api = Api.forPort(base).header("X-API-Key", Api.ADMIN_KEY).header("X-Tenant-ID", tenant);
        List<Long> pids = new ArrayList<>();
        try {
            assertEquals(0, visage(Duration.ofMinutes(10), "up").exitCode(), "./visage up");
            // Queued while paused, so that the kill below finds them in flight, not done.
            ConnectionFactory broker = Broker.connectionFactory(base + 3);
            Broker.queueOperation(broker, "visage.ingest", "pause");
            try {
                for (Path photo : photos()) {
                    Api.Reply r = api.postFile("/api/v1/ingest", "file", photo.getFileName().toString(), "image/jpeg",
                            Files.readAllBytes(photo));
                    assertEquals(202, r.status(), r::toString);
                }
            } finally {
                Broker.queueOperation(broker, "visage.ingest", "resume");
            }
            long killed = pid("run/liberty.pid");
            pids.add(pid("run/liberty-supervisor.pid"));
            pids.add(killed);
            ProcessHandle liberty = ProcessHandle.of(killed).orElseThrow();
            assertTrue(liberty.info().command().orElse("").endsWith("java"), "run/liberty.pid is Liberty's JVM");
            // The hardest moment to die: PostgreSQL holds a prepared branch of a delivery's XA
            // transaction (its row locks included) whose outcome only Liberty's log knows.
            assertTrue(awaitPreparedTransaction(Duration.ofMinutes(3)), "a prepared XA branch to kill Liberty in");
            liberty.destroyForcibly(); // SIGKILL
            liberty.onExit().get(30, TimeUnit.SECONDS);

            Waits.until(Duration.ofMinutes(6), this::readiness, s -> s == 200, "ready again after kill -9");
            Result status = visage(Duration.ofMinutes(1), "status");
            assertTrue(status.output().contains("restarts: 1") && status.output().contains("SIGKILL"), status.output());
            pids.add(pid("run/liberty.pid"));
            pids.add(pid("run/broker.pid"));
            pids.add(postmaster());

            JsonObject c = Waits.until(Duration.ofMinutes(5), () -> api.get("/api/v1/stats").json().getJsonObject("counters"),
                    n -> n.getJsonNumber("worker_msgs_acked").longValue() + n.getJsonNumber("worker_msgs_dlq").longValue() >= PHOTOS,
                    PHOTOS + " messages finished");
            assertEquals(PHOTOS, c.getJsonNumber("worker_msgs_acked").longValue(), "each message acknowledged once: " + c);
            assertEquals(PHOTOS, c.getJsonNumber("images_total").longValue(), "one image per photo: " + c);
            assertEquals(0, c.getJsonNumber("worker_msgs_dlq").longValue(), c::toString);
            assertEquals(0, preparedTransactions(), "no transaction left in doubt after recovery");
        } finally {
            assertEquals(0, visage(Duration.ofMinutes(5), "down").exitCode(), "./visage down");
        }
        // pg_ctl stop returns once the postmaster removed its pid file, a moment before it exits.
        for (long pid : pids) {
            Waits.until(Duration.ofSeconds(30), () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    alive -> !alive, "process " + pid + " gone after ./visage down");
        }
        Waits.until(Duration.ofSeconds(30), () -> ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(cmd -> cmd.contains(work.toString())).toList(), List::isEmpty,
                "no process of the work folder after ./visage down");
    }

    int readiness() {
        try {
            return Api.forPort(base).get("/health/ready").status();
        } catch (UncheckedIOException refused) {
            return -1; // Liberty is starting again; the port is not open yet
        }
    }

    /**
     * The PostgreSQL server of this work folder. Its data lives in the work folder, or in
     * /var/tmp/visage-<hash>/ when the postgres user cannot traverse it (scripts/postgres.sh; a
     * clone in a mktemp folder); postmaster.pid's fourth line is the port it serves.
     */
    long postmaster() throws IOException {
        List<Path> candidates = new java.util.ArrayList<>(List.of(work.resolve("pgdata/postmaster.pid")));
        try (Stream<Path> dirs = Files.list(Path.of("/var/tmp"))) {
            dirs.filter(dir -> dir.getFileName().toString().startsWith("visage-"))
                    .forEach(dir -> candidates.add(dir.resolve("pgdata/postmaster.pid")));
        }
        for (Path file : candidates) {
            if (Files.isReadable(file)) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() > 3 && lines.get(3).trim().equals(String.valueOf(base + 2))) {
                    return Long.parseLong(lines.get(0).trim());
                }
            }
        }
        throw new IllegalStateException("no postmaster.pid for port " + (base + 2) + " among " + candidates);
    }

    /** Polls PostgreSQL's prepared transactions on one connection; true as soon as there is one. */
    boolean awaitPreparedTransaction(Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = database(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_prepared_xacts")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    long preparedTransactions() throws SQLException {
        try (Connection c = database(); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_prepared_xacts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** This test's own PostgreSQL (./visage up's defaults for database, role and password). */
    Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + (base + 2) + "/visage", "visage", "visage");
    }

    long pid(String file) throws IOException {
        return Long.parseLong(Files.readString(work.resolve(file)).trim());
    }

    static List<Path> photos() throws IOException {
        try (Stream<Path> files = Files.list(Photos.dir())) {
            return files.filter(p -> p.toString().endsWith(".jpg")).sorted().limit(PHOTOS).toList();
        }
    }

    record Result(int exitCode, String output) {
    }

    /** Runs ./visage on this test's own work folder and ports, with the WAR the build made. */
    Result visage(Duration timeout, String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("visage").toString(), command)
                .directory(root.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        for (String inherited : List.of("WLP_OUTPUT_DIR", "VISAGE_STORAGE_DIR", "VISAGE_DIGEST_ROOTS", "VISAGE_DB_URL")) {
            env.remove(inherited);
        }
        env.put("VISAGE_WORK_DIR", work.toString());
        env.put("VISAGE_SKIP_BUILD", "true");
        String[] ports = {"VISAGE_HTTP_PORT", "VISAGE_HTTPS_PORT", "VISAGE_DB_PORT", "VISAGE_BROKER_PORT",
            "VISAGE_BROKER_HTTP_PORT", "VISAGE_BROKER_STOMP_PORT"};
        for (int i = 0; i < ports.length; i++) {
            env.put(ports[i], String.valueOf(base + i));
        }
        Files.createDirectories(work);
        Path log = work.resolve("visage-" + command + ".out");
        Process p = pb.redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./visage " + command + " did not finish within " + timeout + "; see " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.printf("[supervised] ./visage %s (exit %d):%n%s%n", command, p.exitValue(), output);
        return new Result(p.exitValue(), output);
    }
}
