package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.visage.client.ClientConfig;
import dev.visage.client.RecognitionClient;
import dev.visage.client.Results;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The recognise latency harness behind docs/BENCHMARKS.md (Recognition): galleries of 1k,
 * 10k and 100k synthetic unit embeddings (generated inside PostgreSQL) plus one real
 * enrolled person, probed with a 640×480 frame over REST and over JMS (Java client),
 * sequentially from one caller. Runs only with {@code -Dvisage.bench=true}; asserts no
 * timing, writes target/recognition-bench.txt. Not an *IT class, so the suite skips it:
 * {@code ./visage test -Dit.test=RecognitionBench -Dvisage.bench=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class RecognitionBench {

    static final int WARMUP = Integer.getInteger("visage.bench.warmup", 10);
    static final int RUNS = Integer.getInteger("visage.bench.runs", 100);

    @Test
    void recognizeLatency() throws SQLException {
        assumeTrue(Boolean.getBoolean("visage.bench"), "benchmarks run with -Dvisage.bench=true");
        byte[] probe = TestImages.frame640x480(Photos.bytes(RecognitionRestIT.SAME_PERSON));
        String model = Api.admin().postJson("/api/v1/embedding",
                "{\"image\":\"" + TestImages.base64(Photos.bytes(RecognitionRestIT.PERSON)) + "\"}").json()
                .getString("model");
        int dims = Api.admin().postJson("/api/v1/embedding",
                "{\"image\":\"" + TestImages.base64(Photos.bytes(RecognitionRestIT.PERSON)) + "\"}").json()
                .getJsonArray("embedding").size();
        long memoryMax = Long.getLong("visage.bench.memory-max-faces", 20000);
        StringBuilder report = new StringBuilder(String.format(
                "probe 640x480, %d runs after %d warm-up, one sequential caller, model %s (%d-d), in-memory limit %d%n",
                RUNS, WARMUP, model, dims, memoryMax));
        try (RecognitionClient client = new RecognitionClient(Broker.connectionFactory(),
                ClientConfig.defaults().withTimeout(Duration.ofSeconds(60)).withMaxRetries(0))) {
            for (int size : List.of(1_000, 10_000, 100_000)) {
                String company = "bench-" + size;
                seed(company, size, model, dims);
                assertEquals(201, RecognitionRestIT.enrol(company, "target", "f1", RecognitionRestIT.PERSON).status());
                String json = "{\"image\":\"" + TestImages.base64(probe) + "\"}";
                double[] rest = time(() -> Api.admin().postJson("/api/v1/companies/" + company + "/recognize", json)
                        .json().getString("user_id", null));
                double[] jms = time(() -> client.recognizeFace(company, probe).userId());
                Results.CacheStats stats = client.getCacheStats();
                String line = String.format("%7d faces (%s): REST p50 %.1f ms p99 %.1f ms | JMS p50 %.1f ms p99 %.1f ms%n",
                        stats.cacheInfo().get(company).faces(), size + 1 > memoryMax ? "pgvector HNSW" : "in memory",
                        pct(rest, 50), pct(rest, 99), pct(jms, 50), pct(jms, 99));
                report.append(line);
                System.out.print(line);
            }
        }
        write(report.toString());
    }

    private static double[] time(Supplier<String> call) {
        for (int i = 0; i < WARMUP; i++) {
            assertEquals("target", call.get());
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            assertEquals("target", call.get());
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /**
     * N users with one random unit embedding each, written straight into the database; then all
     * caches reload. The HNSW index of that dimension is dropped for the insert and rebuilt in
     * bulk afterwards (incremental inserts into a live HNSW index of 100k vectors take far longer).
     */
    private static void seed(String company, int n, String model, int dims) throws SQLException {
        try (Connection db = Db.connect()) {
            String index = "recognition_faces_hnsw_" + dims;
            String definition;
            try (PreparedStatement s = db.prepareStatement("SELECT indexdef FROM pg_indexes WHERE indexname = ?")) {
                s.setString(1, index);
                try (var rs = s.executeQuery()) {
                    definition = rs.next() ? rs.getString(1) : null;
                }
            }
            if (definition != null) {
                db.createStatement().execute("DROP INDEX " + index);
            }
            try (PreparedStatement s = db.prepareStatement("INSERT INTO recognition_companies VALUES (?, now())")) {
                s.setString(1, company);
                s.executeUpdate();
            }
            try (PreparedStatement s = db.prepareStatement(
                    "INSERT INTO recognition_users SELECT ?, 'u' || g, now() FROM generate_series(1, ?) g")) {
                s.setString(1, company);
                s.setInt(2, n);
                s.executeUpdate();
            }
            try (PreparedStatement s = db.prepareStatement(
                    "INSERT INTO recognition_faces (id, company_id, user_id, face_id, model, dims, embedding, created_at) "
                            + "SELECT gen_random_uuid(), ?, 'u' || g, 'f1', ?, ?, l2_normalize(("
                            + "SELECT array_agg(random() - 0.5)::vector FROM generate_series(1, ?) d WHERE g > 0)), now() "
                            + "FROM generate_series(1, ?) g")) {
                s.setString(1, company);
                s.setString(2, model);
                s.setInt(3, dims);
                s.setInt(4, dims);
                s.setInt(5, n);
                s.executeUpdate();
            }
            if (definition != null) {
                db.createStatement().execute("SET maintenance_work_mem = '1GB'");
                db.createStatement().execute(definition);
            }
        }
        // an empty import makes every instance reload its galleries from the database
        assertEquals(200, Api.admin().postJson("/api/v1/admin/recognition/import", "{}").status());
        Waits.until(Duration.ofSeconds(120), () -> TwoCaches.faces(company), f -> f == n, "the cache to hold " + n);
    }

    private static void write(String report) {
        try {
            Path out = Path.of(System.getProperty("visage.root", ".")).resolve("target/recognition-bench.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cache counts of the test instance. */
    static final class TwoCaches {
        static long faces(String company) {
            var info = Api.admin().get("/api/v1/cache-stats").json().getJsonObject("cache_info");
            return info.containsKey(company) ? info.getJsonObject(company).getJsonNumber("faces").longValue() : -1;
        }
    }
}
