package dev.visage.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./visage up --cluster} on its own work folder and ports, with the WAR the build made: a
 * replicated broker pair and two Liberty instances. Its database is the suite's PostgreSQL, given
 * as an external one ({@code VISAGE_DB_URL}, database {@code visage_test}, which nothing else in the
 * suite uses), so that the test also runs Visage against a database it did not start.
 */
final class ClusterUp {

    record Result(int exitCode, String output) {
    }

    final Path root = Path.of(System.getProperty("visage.root", "."));
    final Path work = Path.of(System.getenv().getOrDefault("VISAGE_WORK_DIR", root.resolve(".work/test").toString()))
            .resolve("cluster");
    /** Ten ports from here: HTTP/HTTPS of both instances, both brokers' acceptors, consoles, STOMP. */
    final int base = Integer.parseInt(System.getenv().getOrDefault("VISAGE_TEST_CLUSTER_PORT_BASE", "9401"));
    final String dbPort = System.getenv().getOrDefault("VISAGE_DB_PORT", "55433");
    final String dbUrl = "jdbc:postgresql://127.0.0.1:" + dbPort + "/visage_test";

    int httpPort(int instance) {
        return base + 2 * (instance - 1);
    }

    Api api(int instance) {
        return Api.forPort(httpPort(instance));
    }

    /** The HTTP status of /health/ready, or -1 while nothing answers (a JVM starting or gone). */
    int readiness(int instance) {
        try {
            return api(instance).get("/health/ready").status();
        } catch (UncheckedIOException refused) {
            return -1;
        }
    }

    long pid(String runFile) {
        try {
            return Long.parseLong(Files.readString(work.resolve("run").resolve(runFile)).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line of {@code ./visage status} that starts with the process's name, e.g. "broker-backup live pid 12". */
    String statusOf(String process) {
        return visage(Duration.ofMinutes(1), "status").output().lines()
                .filter(line -> line.startsWith(process + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("./visage status has no line for " + process));
    }

    long count(String sql, Object... params) {
        try (Connection c = Db.connect(dbUrl)) {
            return Db.count(c, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a script of the suite's own PostgreSQL (scripts/postgres.sh stop|start), the "external" database. */
    void suiteDatabase(String action) {
        run(List.of(root.resolve("scripts/postgres.sh").toString(), action), Map.of(), Duration.ofMinutes(2),
                work.resolve("postgres-" + action + ".out"), true);
    }

    /** Runs ./visage with this cluster's work folder and ports. */
    Result visage(Duration timeout, String... args) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("VISAGE_WORK_DIR", work.toString());
        env.put("VISAGE_SKIP_BUILD", "true");
        env.put("VISAGE_DB_URL", dbUrl);
        env.put("VISAGE_HTTP_PORT", String.valueOf(base));
        env.put("VISAGE_HTTPS_PORT", String.valueOf(base + 1));
        env.put("VISAGE_BROKER_PORT", String.valueOf(base + 4));
        env.put("VISAGE_BROKER_BACKUP_PORT", String.valueOf(base + 5));
        env.put("VISAGE_BROKER_HTTP_PORT", String.valueOf(base + 6));
        env.put("VISAGE_BROKER_BACKUP_HTTP_PORT", String.valueOf(base + 7));
        env.put("VISAGE_BROKER_STOMP_PORT", String.valueOf(base + 8));
        env.put("VISAGE_BROKER_BACKUP_STOMP_PORT", String.valueOf(base + 9));
        // The production back-off, not the suite's quick one: a message must outlive a broker failover
        // and a database restart without being parked (docs/operations.md, "What fails over how").
        env.put("VISAGE_MAX_DELIVERY_ATTEMPTS", "8");
        env.put("VISAGE_REDELIVERY_DELAY_MS", "1000");
        env.put("VISAGE_MAX_REDELIVERY_DELAY_MS", "10000");
        List<String> command = new java.util.ArrayList<>(List.of(root.resolve("visage").toString()));
        command.addAll(List.of(args));
        Path log = work.resolve("visage-" + String.join("-", args).replace("--", "") + ".out");
        return run(command, env, timeout, log, false);
    }

    private Result run(List<String> command, Map<String, String> extraEnv, Duration timeout, Path log, boolean mustSucceed) {
        try {
            Files.createDirectories(work);
            ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            if (!extraEnv.isEmpty()) {
                for (String inherited : List.of("WLP_OUTPUT_DIR", "VISAGE_STORAGE_DIR", "VISAGE_DIGEST_ROOTS")) {
                    env.remove(inherited);
                }
            }
            env.putAll(extraEnv);
            Process p = pb.start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeout + "; see " + log);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.printf("[cluster] %s (exit %d):%n%s%n", String.join(" ", command), p.exitValue(), output);
            if (mustSucceed && p.exitValue() != 0) {
                throw new AssertionError(command + " exited " + p.exitValue() + ": " + output);
            }
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
