package dev.visage.gallery.bench;

import dev.visage.ingest.application.DedicatedIndexes;
import dev.visage.ingest.infrastructure.persistence.FaceSql;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The search benchmark's faces: generated {@link FaceLikeVectors} (people of 2-20 faces each, all of a
 * person's faces in one tenant), kept in memory for the exact ground truth and loaded into ingest's
 * {@code faces} table (the migrations' DDL) with COPY before the HNSW index is built. Face {@code i}
 * belongs to group {@code g(i % 1000)} (0.1 % of a tenant's faces each) and site {@code s(i % 10)} (10 %).
 */
final class SearchCorpus {

    static final String MODEL = "bench-recogniser";
    static final String VERSION = "1";
    static final String INDEX = "faces_embedding_bench_hnsw";

    final int n;
    final int tenants;
    final float[][] vectors;
    /** Person of every face, and tenant of every person. */
    final int[] owner;
    private final FaceLikeVectors generator;
    private final List<double[]> people = new ArrayList<>();

    SearchCorpus(FaceLikeVectors generator, Random random, int n, int tenants) {
        this.generator = generator;
        this.n = n;
        this.tenants = tenants;
        this.vectors = new float[n][];
        this.owner = new int[n];
        int left = 0;
        for (int i = 0; i < n; i++) {
            if (left == 0) {
                people.add(generator.person());
                left = 2 + random.nextInt(19);
            }
            left--;
            owner[i] = people.size() - 1;
            vectors[i] = generator.face(people.get(owner[i]));
        }
    }

    int dims() {
        return generator.shape().dims();
    }

    static String tenant(int t) {
        return "bench-t" + t;
    }

    int tenantOf(int face) {
        return owner[face] % tenants;
    }

    static UUID id(int face) {
        return new UUID(0x5eedL, face);
    }

    /** A new face of a random stored person of tenant 0, and that person. */
    float[] probe(Random random, int[] person) {
        int p;
        do {
            p = random.nextInt(people.size());
        } while (p % tenants != 0);
        person[0] = p;
        return generator.face(people.get(p));
    }

    /** Faces the scope keeps: tenant 0 and the filter. */
    IntPredicate scope(IntPredicate filter) {
        return i -> tenantOf(i) == 0 && filter.test(i);
    }

    void load(Connection c, Index index) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS faces CASCADE");
            s.execute("DROP TABLE IF EXISTS ingested_images CASCADE");
            String ddl = Files.readString(Path.of("db-migrations/V10__ingest_faces.sql")).replaceAll("--[^\n]*", "")
                    + Files.readString(Path.of("db-migrations/V15__faces_created_index.sql")).replaceAll("--[^\n]*", "");
            StringBuilder plain = new StringBuilder();
            for (String stmt : ddl.split(";")) {
                if (!stmt.contains("USING hnsw") && !stmt.isBlank()) {
                    plain.append(stmt).append(";\n");
                }
            }
            s.execute(plain.toString());
        }
        long t0 = System.nanoTime();
        copy(c, i -> tenant(tenantOf(i)), MODEL, VERSION, true);
        System.out.printf(Locale.ROOT, "loaded %d faces in %.0f s%n", n, (System.nanoTime() - t0) / 1e9);
        index(c, index);
    }

    /** Builds the HNSW index over the loaded faces (dropping an earlier one), then VACUUM ANALYZE. */
    void index(Connection c, Index index) throws SQLException, IOException {
        index(c, index, dims());
    }

    /** Drops and builds the index over the faces as loaded, of this dimension. */
    static void index(Connection c, Index index, int dims) throws SQLException, IOException {
        long t1 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("DROP INDEX IF EXISTS " + INDEX);
            s.execute("SET maintenance_work_mem = '" + index.maintenanceWorkMem() + "'");
            s.execute("SET max_parallel_maintenance_workers = " + index.workers());
            String ddl = index.ddl(dims);
            System.out.println(ddl);
            s.execute(ddl);
        }
        long t2 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE faces");
        }
        System.out.printf(Locale.ROOT, "HNSW index (%s) built in %.0f s; %s%n", index, (t2 - t1) / 1e9, sizes(c));
    }

    /**
     * COPYs every face into {@code faces}, of the given tenant and model, in chunks; without groups (grouped false),
     * a running server's incremental clustering leaves them alone (it places faces into their group's people).
     */
    void copy(Connection c, IntFunction<String> tenantOf, String model, String version, boolean grouped)
            throws SQLException, IOException {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        int chunk = 20000;
        for (int from = 0; from < n; from += chunk) {
            StringBuilder rows = new StringBuilder();
            for (int i = from; i < Math.min(n, from + chunk); i++) {
                rows.append(row(i, tenantOf.apply(i), grouped ? "g" + i % 1000 : "\\N", model, version, vectors[i]));
            }
            try (Reader r = new StringReader(rows.toString())) {
                copy.copyIn(COPY, r);
            }
        }
    }

    /**
     * Production's dedicated index of the scope ({@link FaceSql#dedicatedIndexDdl}) unless it exists; returns its
     * faces.
     */
    static long dedicated(Connection c, DedicatedIndexes.Scope scope) throws SQLException, IOException {
        String name = FaceSql.dedicatedIndexName(scope);
        long t = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute(FaceSql.dedicatedIndexDdl(scope).replace("CONCURRENTLY ", "IF NOT EXISTS "));
            try (var rs = s.executeQuery("SELECT CAST(reltuples AS bigint), pg_size_pretty(pg_relation_size(oid))"
                    + " FROM pg_class WHERE relname = '" + name + "'")) {
                rs.next();
                System.out.printf(Locale.ROOT, "dedicated index %s (%s): %d faces, %s, %.0f s%n", name, scope,
                        rs.getLong(1), rs.getString(2), (System.nanoTime() - t) / 1e9);
                return rs.getLong(1);
            }
        }
    }

    static final String COPY = "COPY faces (id, tenant_id, group_id, site, image_sha256, phash, phash_prefix, face_index,"
            + " bbox_x, bbox_y, bbox_w, bbox_h, keypoints, det_score, quality_accepted, model_name, model_version,"
            + " embedding, dedup_key, created_at) FROM STDIN";

    /** Face {@code i} as a line of {@link #COPY}. */
    static String row(int i, String tenant, String group, String model, String version, float[] vector) {
        String sha = String.format("%064x", i);
        return id(i) + "\t" + tenant + "\t" + group + "\ts" + i % 10 + "\t" + sha
                + "\t0000000000000000\t0000\t0\t0\t0\t10\t10\t[]\t0.9\ttrue\t" + model + "\t" + version + "\t"
                + FaceSql.literal(vector) + "\t" + sha + "\t2026-11-22T00:00:00Z\n";
    }

    FaceLikeVectors.Shape shape() {
        return generator.shape();
    }

    static String sizes(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT pg_size_pretty(pg_table_size('faces')),"
                + " pg_size_pretty(pg_relation_size('" + INDEX + "'))")) {
            rs.next();
            return "table " + rs.getString(1) + ", HNSW index " + rs.getString(2);
        }
    }

    /**
     * The HNSW index: production's (the CREATE INDEX of V18_1 for this dimension, built without CONCURRENTLY since
     * nothing else writes), or one of the given storage and graph parameters; and the build settings.
     */
    record Index(boolean production, boolean half, int m, int efConstruction, int workers, String maintenanceWorkMem) {
        static final Path MIGRATION = Path.of("db-migrations/V18_1__faces_hnsw_halfvec.sql");

        /** The CREATE INDEX CONCURRENTLY of V18_1 for this dimension, as the migration runs it. */
        static String production(int dims) throws IOException {
            for (String stmt : Files.readString(MIGRATION).replaceAll("--[^\n]*", "").split(";")) {
                if (stmt.contains("CREATE INDEX") && stmt.contains("halfvec(" + dims + ")")) {
                    return stmt.strip();
                }
            }
            throw new IllegalStateException("no index for " + dims + "-d faces in " + MIGRATION);
        }

        String ddl(int dims) throws IOException {
            if (production) {
                return production(dims).replace("CONCURRENTLY ", "").replaceFirst("faces_embedding_\\w+", INDEX);
            }
            String type = half ? "halfvec" : "vector";
            return "CREATE INDEX " + INDEX + " ON faces USING hnsw ((embedding::" + type + "(" + dims + ")) "
                    + type + "_cosine_ops) WITH (m = " + m + ", ef_construction = " + efConstruction + ")"
                    + " WHERE vector_dims(embedding) = " + dims;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s, %d parallel workers, maintenance_work_mem %s", production
                    ? "production's (" + MIGRATION.getFileName() + ")" : String.format(Locale.ROOT,
                    "%s, m %d, ef_construction %d", half ? "halfvec" : "vector", m, efConstruction), workers,
                    maintenanceWorkMem);
        }
    }
}
