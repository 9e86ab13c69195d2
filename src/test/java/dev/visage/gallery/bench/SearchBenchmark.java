package dev.visage.gallery.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Search benchmark behind docs/BENCHMARKS.md "Search": N synthetic 128-d face embeddings (faceapi's
 * size) in ingest's {@code faces} table (V10 + V15 DDL), all in ONE tenant (the tenant filter selects
 * everything: the worst case), loaded with COPY before the partial HNSW index is built. Vectors are
 * face-like: identities scattered in a cone around a common direction (different people at cosine
 * ~0.8, as real recognisers put them), 2-20 faces each around their identity. Each face has a group
 * ({@code g0..g999}, 0.1 % of the faces each) and a site ({@code s0..s9}, 10 % each). Probes are new
 * faces of stored identities. Runs the production statement of {@code JpaStoredFaces.nearest} (same
 * expression and predicate as the index, ef_search and iterative scans set per transaction) and the
 * same statement with index scans off (exact), and reports p50/p95/p99 latency and recall@10.
 * Not part of the suite; run by hand against a cluster from scripts/postgres.sh:
 * <pre>
 * scripts/bench-search.sh 100000 200        # N faces, Q probes (the script starts its own PostgreSQL)
 * </pre>
 */
public final class SearchBenchmark {

    static final int DIMS = 128;
    static final String MODEL = "faceapi-recognition";
    static final String VERSION = "face-api-1.7.15";

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[3]);
        int queries = Integer.parseInt(args[4]);
        boolean reuse = args.length > 5 && args[5].equals("reuse");
        int[] efs = {40, 100, 200};
        Random random = new Random(42);
        Synth synth = new Synth(random);
        try (Connection c = DriverManager.getConnection(url, args[1], args[2])) {
            if (!reuse) {
                load(c, n, synth);
            } else {
                synth.replay(n);
            }
            float[][] probes = new float[queries][];
            for (int i = 0; i < queries; i++) {
                probes[i] = synth.probe();
            }
            StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                    "%d faces (128-d, one tenant), %d probes (new faces of stored people), recall@10 vs exact%n", n,
                    queries));
            String[][] filters = {{"none", null, null}, {"group (0.1 %)", "group_id", "g7"},
                    {"site (10 %)", "site", "s3"}};
            for (String[] f : filters) {
                List<Set<String>> exact = new ArrayList<>();
                double[] exactMs = new double[queries];
                for (int q = 0; q < queries; q++) {
                    long t = System.nanoTime();
                    exact.add(search(c, probes[q], f[1], f[2], 0, true));
                    exactMs[q] = (System.nanoTime() - t) / 1e6;
                }
                report.append(String.format(Locale.ROOT, "filter %-14s exact scan: p50 %.1f ms, p95 %.1f ms%n", f[0],
                        pct(exactMs, 50), pct(exactMs, 95)));
                for (int ef : efs) {
                    for (int q = 0; q < Math.min(queries, 20); q++) {
                        search(c, probes[q], f[1], f[2], ef, false); // warm-up
                    }
                    double[] ms = new double[queries];
                    double recall = 0;
                    for (int q = 0; q < queries; q++) {
                        long t = System.nanoTime();
                        Set<String> got = search(c, probes[q], f[1], f[2], ef, false);
                        ms[q] = (System.nanoTime() - t) / 1e6;
                        Set<String> hit = new HashSet<>(got);
                        hit.retainAll(exact.get(q));
                        recall += exact.get(q).isEmpty() ? 1 : (double) hit.size() / exact.get(q).size();
                    }
                    report.append(String.format(Locale.ROOT,
                            "filter %-14s ef_search %3d: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, recall@10 %.4f%n", f[0],
                            ef, pct(ms, 50), pct(ms, 95), pct(ms, 99), recall / queries));
                }
                report.append(plan(c, probes[0], f[1], f[2]));
            }
            System.out.print(report);
            Path out = Path.of("target/search-bench-" + n + ".txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report.toString());
        }
    }

    /** The production statement (JpaStoredFaces.nearest), or the same with index scans off (exact). */
    static Set<String> search(Connection c, float[] probe, String column, String value, int ef, boolean exact)
            throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                if (exact) {
                    s.execute("SET LOCAL enable_indexscan = off");
                    s.execute("SET LOCAL enable_bitmapscan = off");
                } else {
                    s.execute("SELECT set_config('hnsw.ef_search', '" + ef + "', true), set_config('hnsw.iterative_scan',"
                            + " 'relaxed_order', true), set_config('hnsw.max_scan_tuples', '20000', true)");
                }
            }
            String distance = "(f.embedding::vector(128)) <=> CAST(? AS vector(128))";
            String sql = "SELECT * FROM (SELECT f.id, " + distance + " AS distance FROM faces f"
                    + " WHERE vector_dims(f.embedding) = 128 AND f.tenant_id = ? AND f.model_name = ?"
                    + " AND f.model_version = ?" + (column == null ? "" : " AND f." + column + " = ?")
                    + " ORDER BY " + distance + " LIMIT 10) t ORDER BY distance";
            Set<String> ids = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                String v = literal(probe);
                int i = 1;
                ps.setString(i++, v);
                ps.setString(i++, "bench");
                ps.setString(i++, MODEL);
                ps.setString(i++, VERSION);
                if (column != null) {
                    ps.setString(i++, value);
                }
                ps.setString(i, v);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        } finally {
            c.commit();
            c.setAutoCommit(auto);
        }
    }

    static String plan(Connection c, float[] probe, String column, String value) throws SQLException {
        c.setAutoCommit(false);
        StringBuilder out = new StringBuilder();
        try (Statement s = c.createStatement()) {
            s.execute("SELECT set_config('hnsw.ef_search', '100', true), set_config('hnsw.iterative_scan',"
                    + " 'relaxed_order', true)");
            String v = "'" + literal(probe) + "'";
            String distance = "(f.embedding::vector(128)) <=> CAST(" + v + " AS vector(128))";
            try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT f.id FROM faces f"
                    + " WHERE vector_dims(f.embedding) = 128 AND f.tenant_id = 'bench' AND f.model_name = '" + MODEL
                    + "' AND f.model_version = '" + VERSION + "'" + (column == null ? "" : " AND f." + column + " = '"
                    + value + "'") + " ORDER BY " + distance + " LIMIT 10")) {
                while (rs.next()) {
                    String line = rs.getString(1);
                    if (line.contains("Scan") || line.contains("Execution") || line.contains("Sort")) {
                        out.append("    ").append(line.strip()).append('\n');
                    }
                }
            }
        } finally {
            c.commit();
            c.setAutoCommit(true);
        }
        return out.toString();
    }

    static void load(Connection c, int n, Synth synth) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS faces CASCADE");
            s.execute("DROP TABLE IF EXISTS ingested_images CASCADE");
            String v10 = Files.readString(Path.of("db-migrations/V10__ingest_faces.sql")).replaceAll("--[^\n]*", "")
                    + Files.readString(Path.of("db-migrations/V15__faces_created_index.sql")).replaceAll("--[^\n]*", "");
            // the table and its B-tree indexes now; the HNSW index after the load (much faster than row by row)
            StringBuilder ddl = new StringBuilder();
            for (String stmt : v10.split(";")) {
                if (!stmt.contains("USING hnsw") && !stmt.isBlank()) {
                    ddl.append(stmt).append(";\n");
                }
            }
            s.execute(ddl.toString());
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        long t0 = System.nanoTime();
        int chunk = 20000;
        for (int from = 0; from < n; from += chunk) {
            StringBuilder rows = new StringBuilder();
            for (int i = from; i < Math.min(n, from + chunk); i++) {
                float[] v = synth.next();
                String sha = String.format("%064x", i);
                rows.append(new java.util.UUID(0x5eedL, i)).append("\tbench\tg").append(i % 1000).append("\ts")
                        .append(i % 10).append("\t").append(sha).append("\t0000000000000000\t0000\t0\t0\t0\t10\t10\t[]\t0.9\ttrue\t")
                        .append(MODEL).append('\t').append(VERSION).append('\t').append(literal(v)).append('\t')
                        .append(sha).append("\t2026-11-22T00:00:00Z\n");
            }
            try (Reader r = new StringReader(rows.toString())) {
                copy.copyIn("COPY faces (id, tenant_id, group_id, site, image_sha256, phash, phash_prefix, face_index,"
                        + " bbox_x, bbox_y, bbox_w, bbox_h, keypoints, det_score, quality_accepted, model_name,"
                        + " model_version, embedding, dedup_key, created_at) FROM STDIN", r);
            }
        }
        long t1 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("SET maintenance_work_mem = '2GB'");
            s.execute("SET max_parallel_maintenance_workers = 1");
            s.execute("CREATE INDEX faces_embedding_128_hnsw ON faces USING hnsw ((embedding::vector(128)) vector_cosine_ops)"
                    + " WHERE vector_dims(embedding) = 128");
            s.execute("VACUUM ANALYZE faces");
        }
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "loaded %d faces in %.0f s, HNSW index (m 16, ef_construction 64) built in %.0f s%n",
                n, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    static String literal(float[] v) {
        StringBuilder b = new StringBuilder(v.length * 11).append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(v[i]);
        }
        return b.append(']').toString();
    }

    static double pct(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1)];
    }

    /** Face-like unit vectors: identities around a common direction, faces around their identity. */
    static final class Synth {
        /** Spread of identities around the common direction, and of faces around their identity. */
        static final double PEOPLE = 0.5;
        static final double FACES = 0.3;
        private final Random random;
        private final float[] mean;
        private final List<float[]> people = new ArrayList<>();
        private int left;

        Synth(Random random) {
            this.random = random;
            this.mean = gaussian(1);
        }

        float[] next() {
            if (left == 0) {
                people.add(around(mean, PEOPLE));
                left = 2 + random.nextInt(19);
            }
            left--;
            return around(people.get(people.size() - 1), FACES);
        }

        /** Draws the same sequence as a load of n faces did (for "reuse"). */
        void replay(int n) {
            for (int i = 0; i < n; i++) {
                next();
            }
        }

        float[] probe() {
            return around(people.get(random.nextInt(people.size())), FACES);
        }

        private float[] around(float[] centre, double spread) {
            float[] g = gaussian(spread);
            float[] v = new float[DIMS];
            for (int i = 0; i < DIMS; i++) {
                v[i] = centre[i] + g[i];
            }
            return unit(v);
        }

        private float[] gaussian(double norm) {
            float[] g = new float[DIMS];
            for (int i = 0; i < DIMS; i++) {
                g[i] = (float) (random.nextGaussian() * norm / Math.sqrt(DIMS));
            }
            return g;
        }

        private static float[] unit(float[] v) {
            double s = 0;
            for (float x : v) {
                s += x * x;
            }
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) Math.sqrt(s);
            }
            return v;
        }
    }
}
