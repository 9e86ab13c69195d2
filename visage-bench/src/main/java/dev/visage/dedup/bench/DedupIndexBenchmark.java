package dev.visage.dedup.bench;

import dev.visage.dedup.application.HashBands;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Near-duplicate query benchmark for the dedup_images design (V11__dedup.sql): N random
 * 64-bit hashes in ONE tenant (the worst case: no tenant selectivity), plus one planted
 * neighbour at Hamming distance 0..8 for each of Q query hashes. Measures the production
 * query's latency (band probes + exact distance check) and its recall against an exact
 * sequential scan. Not part of the test suite; run by hand:
 * <pre>
 * java -cp target/classes:target/test-classes:$HOME/.m2/repository/org/postgresql/postgresql/42.7.5/postgresql-42.7.5.jar \
 *   dev.visage.dedup.bench.DedupIndexBenchmark jdbc:postgresql://127.0.0.1:55463/visage visage visage 1000000 1000
 * </pre>
 */
public final class DedupIndexBenchmark {

    private DedupIndexBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long n = Long.parseLong(args[3]);
        int queries = Integer.parseInt(args[4]);
        int maxHamming = args.length > 5 ? Integer.parseInt(args[5]) : 8;
        boolean reuse = args.length > 6 && args[6].equals("reuse");
        try (Connection c = DriverManager.getConnection(url, args[1], args[2])) {
            Random random = new Random(7);
            long[] q = new long[queries];
            for (int i = 0; i < queries; i++) {
                q[i] = random.nextLong();
            }
            if (!reuse) {
                load(c, n, q, random);
            }
            try (Statement s = c.createStatement()) {
                s.execute("SET max_parallel_workers_per_gather = 0");
            }
            int radius = HashBands.radius(maxHamming);
            // the production query of JpaDedupService.findImage (index-only band probes, then the matches' rows)
            String distance = "bit_count(CAST(phash # ? AS bit(64)))";
            String sql = "SELECT image_sha256 FROM bench_dedup_images WHERE tenant_id = ? AND expires_at > now()"
                    + " AND phash IN (SELECT phash FROM bench_dedup_images WHERE key0 = ANY(CAST(? AS bigint[])) AND " + distance + " <= ?"
                    + " UNION ALL SELECT phash FROM bench_dedup_images WHERE key1 = ANY(CAST(? AS bigint[])) AND " + distance + " <= ?"
                    + " UNION ALL SELECT phash FROM bench_dedup_images WHERE key2 = ANY(CAST(? AS bigint[])) AND " + distance + " <= ?)"
                    + " AND " + distance + " <= ?";
            // warm-up pass, then the measured pass
            long[] lat = new long[queries];
            int found = 0;
            Set<String>[] answers = new Set[queries];
            for (int pass = 0; pass < 2; pass++) {
                found = 0;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < queries; i++) {
                        long t0 = System.nanoTime();
                        ps.setString(1, "bench");
                        int p = 2;
                        for (int b = 0; b < 3; b++) {
                            ps.setString(p++, HashBands.sqlArray(HashBands.probeKeys("bench", q[i], b, radius)));
                            ps.setLong(p++, q[i]);
                            ps.setInt(p++, maxHamming);
                        }
                        ps.setLong(p++, q[i]);
                        ps.setInt(p, maxHamming);
                        Set<String> hits = new HashSet<>();
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                hits.add(rs.getString(1));
                            }
                        }
                        lat[i] = System.nanoTime() - t0;
                        answers[i] = hits;
                        found += hits.size();
                    }
                }
            }
            long[] sorted = lat.clone();
            Arrays.sort(sorted);
            System.out.printf("rows=%d queries=%d maxHamming=%d radius=%d probes/query=%d hits=%d%n", rowCount(c), queries,
                    maxHamming, radius, HashBands.neighbours(0, 0, radius).length + 2 * HashBands.neighbours(0, 1, radius).length,
                    found);
            System.out.printf("latency ms: p50=%.3f p95=%.3f p99=%.3f max=%.3f mean=%.3f%n", ms(sorted, 0.50), ms(sorted, 0.95),
                    ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6, Arrays.stream(lat).average().orElse(0) / 1e6);
            // recall against an exact scan, on a sample of queries
            int sample = Math.min(queries, 20);
            int truth = 0;
            int agreed = 0;
            long scanNanos = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT image_sha256 FROM bench_dedup_images WHERE tenant_id = ?"
                    + " AND bit_count(CAST(phash # ? AS bit(64))) <= ?")) {
                for (int i = 0; i < sample; i++) {
                    ps.setString(1, "bench");
                    ps.setLong(2, q[i]);
                    ps.setInt(3, maxHamming);
                    long t0 = System.nanoTime();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            truth++;
                            if (answers[i].contains(rs.getString(1))) {
                                agreed++;
                            }
                        }
                    }
                    scanNanos += System.nanoTime() - t0;
                }
            }
            System.out.printf("recall vs exact scan (%d queries): %d/%d = %.4f; exact scan mean %.1f ms%n", sample, agreed,
                    truth, truth == 0 ? 1.0 : (double) agreed / truth, scanNanos / 1e6 / sample);
        }
    }

    private static long rowCount(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM bench_dedup_images")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static void load(Connection c, long n, long[] q, Random random) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_dedup_images");
            s.execute("CREATE UNLOGGED TABLE bench_dedup_images (LIKE dedup_images INCLUDING DEFAULTS) WITH (parallel_workers = 0)");
            long t0 = System.nanoTime();
            // random 64-bit hashes from md5; bands exactly as HashBands computes them
            long high = HashBands.key("bench", 0);
            s.execute("INSERT INTO bench_dedup_images (tenant_id, image_sha256, phash, canonical_sha256, key0, key1, key2,"
                    + " created_at, expires_at)"
                    + " SELECT 'bench', lpad(to_hex(i), 64, '0'), h, lpad(to_hex(i), 64, '0'),"
                    + " " + high + " | ((h >> 42) & 4194303), " + high + " | ((h >> 21) & 2097151), " + high + " | (h & 2097151),"
                    + " now(), now() + interval '1 day'"
                    + " FROM (SELECT i, ('x' || substr(md5(i::text), 1, 16))::bit(64)::bigint AS h"
                    + " FROM generate_series(1, " + n + ") AS i) AS g");
            System.out.printf("loaded %d rows in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        }
        // one planted neighbour per query at distance 0..8
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_dedup_images (tenant_id, image_sha256, phash,"
                + " canonical_sha256, key0, key1, key2, created_at, expires_at)"
                + " VALUES ('bench', ?, ?, ?, ?, ?, ?, now(), now() + interval '1 day')")) {
            for (int i = 0; i < q.length; i++) {
                long h = q[i];
                Set<Integer> bits = new HashSet<>();
                int d = random.nextInt(9);
                while (bits.size() < d) {
                    bits.add(random.nextInt(64));
                }
                for (int b : bits) {
                    h ^= 1L << b;
                }
                String id = String.format("%064x", 1_000_000_000_000L + i);
                ps.setString(1, id);
                ps.setLong(2, h);
                ps.setString(3, id);
                ps.setLong(4, HashBands.key("bench", HashBands.band(h, 0)));
                ps.setLong(5, HashBands.key("bench", HashBands.band(h, 1)));
                ps.setLong(6, HashBands.key("bench", HashBands.band(h, 2)));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            s.execute("ALTER TABLE bench_dedup_images ADD PRIMARY KEY (tenant_id, image_sha256)");
            s.execute("CREATE INDEX ON bench_dedup_images (key0) INCLUDE (phash)");
            s.execute("CREATE INDEX ON bench_dedup_images (key1) INCLUDE (phash)");
            s.execute("CREATE INDEX ON bench_dedup_images (key2) INCLUDE (phash)");
            s.execute("CREATE INDEX ON bench_dedup_images (phash)");
            s.execute("VACUUM ANALYZE bench_dedup_images");
            System.out.printf("indexed in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }
}
