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
    /** Rows the index scan is asked for per result row (JpaStoredFaces: visage.search.overfetch). */
    static final int OVERFETCH = Integer.getInteger("overfetch", 1);
    static final String MODEL = "faceapi-recognition";
    static final String VERSION = "face-api-1.7.15";

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[3]);
        int queries = Integer.parseInt(args[4]);
        boolean reuse = args.length > 5 && args[5].equals("reuse");
        int[] efs = java.util.Arrays.stream(System.getProperty("efs", "40,100,200,400").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Random random = new Random(42);
        Synth synth = new Synth(random, n);
        try (Connection c = DriverManager.getConnection(url, args[1], args[2])) {
            if (!reuse) {
                load(c, n, synth);
            } else {
                synth.replay(n);
            }
            float[][] probes = new float[queries][];
            int[] probePerson = new int[queries];
            for (int i = 0; i < queries; i++) {
                probes[i] = synth.probe();
                probePerson[i] = synth.lastProbeOwner;
            }
            Report report = new Report();
            report.append(String.format(Locale.ROOT,
                    "%d faces (128-d, one tenant), %d probes (new faces of stored people), recall@10 vs exact%n", n,
                    queries));
            // filter: name, column, value, and which faces (by insertion number) it keeps
            record Filter(String name, String column, String value, java.util.function.IntPredicate keeps) {
            }
            List<Filter> filters = List.of(new Filter("none", null, null, i -> true),
                    new Filter("group (0.1 %)", "group_id", "g7", i -> i % 1000 == 7),
                    new Filter("site (10 %)", "site", "s3", i -> i % 10 == 3));
            for (Filter f : filters) {
                // ground truth: exact cosine over the generated vectors, in memory
                List<Set<String>> exact = new ArrayList<>();
                List<Set<String>> person = new ArrayList<>();
                for (int q = 0; q < queries; q++) {
                    exact.add(synth.exact(probes[q], 10, f.keeps()));
                    person.add(synth.samePerson(probes[q], probePerson[q], 10, f.keeps()));
                }
                // what an exact scan costs in PostgreSQL (a few probes: it is slow)
                int scans = Math.min(queries, 10);
                double[] exactMs = new double[scans];
                double exactAgree = 0;
                for (int q = 0; q < scans; q++) {
                    long t = System.nanoTime();
                    Set<String> got = search(c, probes[q], f.column(), f.value(), 0, true);
                    exactMs[q] = (System.nanoTime() - t) / 1e6;
                    exactAgree += overlap(got, exact.get(q));
                }
                report.append(String.format(Locale.ROOT, "filter %-14s exact scan in PostgreSQL (%d probes): p50 %.1f ms,"
                        + " p95 %.1f ms; agrees with the in-memory truth %.4f%n", f.name(), scans, pct(exactMs, 50),
                        pct(exactMs, 95), exactAgree / scans));
                for (int ef : efs) {
                    for (int q = 0; q < Math.min(queries, 20); q++) {
                        search(c, probes[q], f.column(), f.value(), ef, false); // warm-up
                    }
                    double[] ms = new double[queries];
                    double recall = 0;
                    double personRecall = 0;
                    for (int q = 0; q < queries; q++) {
                        long t = System.nanoTime();
                        Set<String> got = search(c, probes[q], f.column(), f.value(), ef, false);
                        ms[q] = (System.nanoTime() - t) / 1e6;
                        recall += overlap(got, exact.get(q));
                        personRecall += overlap(got, person.get(q));
                    }
                    report.append(String.format(Locale.ROOT,
                            "filter %-14s ef_search %3d: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, recall@10 %.4f,"
                                    + " same-person recall %.4f%n", f.name(),
                            ef, pct(ms, 50), pct(ms, 95), pct(ms, 99), recall / queries, personRecall / queries));
                }
                report.append(plan(c, probes[0], f.column(), f.value()));
            }
            Path out = Path.of("target/search-bench-" + n + ".txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report.toString());
        }
    }

    static double overlap(Set<String> got, Set<String> truth) {
        if (truth.isEmpty()) {
            return 1;
        }
        Set<String> hit = new HashSet<>(got);
        hit.retainAll(truth);
        return (double) hit.size() / truth.size();
    }

    /** A report that also prints what is appended (a long run shows its progress). */
    static final class Report implements CharSequence, Appendable {
        private final StringBuilder text = new StringBuilder();

        @Override
        public Report append(CharSequence s) {
            System.out.print(s);
            System.out.flush();
            text.append(s);
            return this;
        }

        @Override
        public Report append(CharSequence s, int start, int end) {
            return append(s.subSequence(start, end));
        }

        @Override
        public Report append(char c) {
            return append(String.valueOf(c));
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** Searches with at most this many candidates are exact (JpaStoredFaces: visage.search.exact-max-rows). */
    static final int EXACT_MAX_ROWS = Integer.getInteger("exact.max.rows", 10000);

    /**
     * The production statements (JpaStoredFaces.nearest): a capped count of the candidates, then an exact
     * search over them when they are few, else the HNSW query; or (exact) the plain query with index scans off.
     */
    static Set<String> search(Connection c, float[] probe, String column, String value, int ef, boolean exact)
            throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            String v = literal(probe);
            String where = " FROM faces f WHERE vector_dims(f.embedding) = 128 AND f.tenant_id = ? AND f.model_name = ?"
                    + " AND f.model_version = ?" + (column == null ? "" : " AND f." + column + " = ?");
            String distance = "(f.embedding::vector(128)) <=> CAST(? AS vector(128))";
            boolean few = false;
            if (!exact && EXACT_MAX_ROWS > 0) {
                // the planner's estimate of the candidates, without the dimension predicate (as production)
                try (PreparedStatement ps = c.prepareStatement("EXPLAIN SELECT 1" + where.replace(
                        "vector_dims(f.embedding) = 128 AND ", ""))) {
                    bindScope(ps, 1, column, value);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("rows=(\\d+)").matcher(rs.getString(1));
                        few = m.find() && Long.parseLong(m.group(1)) <= EXACT_MAX_ROWS;
                    }
                }
            }
            String sql;
            boolean vectorTwice;
            try (Statement s = c.createStatement()) {
                if (exact) {
                    s.execute("SET LOCAL enable_indexscan = off");
                    s.execute("SET LOCAL enable_bitmapscan = off");
                } else if (!few) {
                    s.execute("SELECT set_config('hnsw.ef_search', '" + ef + "', true), set_config('hnsw.iterative_scan',"
                            + " 'relaxed_order', true), set_config('hnsw.max_scan_tuples', '20000', true)");
                }
            }
            if (few) {
                sql = "WITH c AS MATERIALIZED (SELECT f.id, " + distance + " AS distance" + where + ")"
                        + " SELECT id FROM c ORDER BY distance LIMIT 10";
                vectorTwice = false;
            } else {
                // the exact scan gets its own statement text: PostgreSQL caches a prepared statement's generic plan
                // without regard to enable_indexscan, so sharing the text would let a seq-scan plan serve the HNSW runs
                sql = (exact ? "/* exact */ " : "") + "SELECT id FROM (SELECT f.id, " + distance + " AS distance" + where
                        + " ORDER BY " + distance + " LIMIT " + (exact ? 10 : 10 * OVERFETCH) + ") t ORDER BY distance LIMIT 10";
                vectorTwice = true;
            }
            Set<String> ids = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, v);
                int next = bindScope(ps, 2, column, value);
                if (vectorTwice) {
                    ps.setString(next, v);
                }
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

    /** Binds tenant, model, version and the filter value from {@code i}; returns the next index. */
    static int bindScope(PreparedStatement ps, int i, String column, String value) throws SQLException {
        ps.setString(i++, "bench");
        ps.setString(i++, MODEL);
        ps.setString(i++, VERSION);
        if (column != null) {
            ps.setString(i++, value);
        }
        return i;
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
        /** Every generated face, for the exact (in-memory) ground truth. */
        private final float[] all;
        /** Identity (person number) of every generated face. */
        private final int[] owner;
        /** Identity of the last probe drawn. */
        int lastProbeOwner;
        private int count;
        /** Spread of identities around the common direction, and of faces around their identity. */
        static final double PEOPLE = 0.5;
        static final double FACES = 0.3;
        private final Random random;
        private final float[] mean;
        private final List<float[]> people = new ArrayList<>();
        private int left;

        Synth(Random random, int n) {
            this.random = random;
            this.mean = gaussian(1);
            this.all = new float[n * DIMS];
            this.owner = new int[n];
        }

        float[] next() {
            if (left == 0) {
                people.add(around(mean, PEOPLE));
                left = 2 + random.nextInt(19);
            }
            left--;
            float[] v = around(people.get(people.size() - 1), FACES);
            System.arraycopy(v, 0, all, count * DIMS, DIMS);
            owner[count] = people.size() - 1;
            count++;
            return v;
        }

        /** Ids of the k stored faces most similar to the probe among those the filter keeps (exact). */
        Set<String> exact(float[] probe, int k, java.util.function.IntPredicate keeps) {
            java.util.PriorityQueue<double[]> best = new java.util.PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
            for (int i = 0; i < count; i++) {
                if (!keeps.test(i)) {
                    continue;
                }
                double dot = 0;
                for (int d = 0; d < DIMS; d++) {
                    dot += (double) probe[d] * all[i * DIMS + d];
                }
                if (best.size() < k) {
                    best.add(new double[] {dot, i});
                } else if (dot > best.peek()[0]) {
                    best.poll();
                    best.add(new double[] {dot, i});
                }
            }
            Set<String> ids = new HashSet<>();
            best.forEach(e -> ids.add(new java.util.UUID(0x5eedL, (int) e[1]).toString()));
            return ids;
        }

        /** Draws the same sequence as a load of n faces did (for "reuse"). */
        void replay(int n) {
            for (int i = 0; i < n; i++) {
                next();
            }
        }

        float[] probe() {
            lastProbeOwner = random.nextInt(people.size());
            return around(people.get(lastProbeOwner), FACES);
        }

        /**
         * The probe's person among the faces the filter keeps: the (at most k) most similar of that person's
         * stored faces, i.e. what a user searching for this person wants back.
         */
        Set<String> samePerson(float[] probe, int person, int k, java.util.function.IntPredicate keeps) {
            return exact(probe, k, i -> owner[i] == person && keeps.test(i));
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
