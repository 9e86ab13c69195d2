package dev.visage.dedup.bench;

import dev.visage.dedup.application.DedupService.ImageMatch;
import dev.visage.dedup.application.HashBands;
import dev.visage.dedup.domain.HashIndex;
import dev.visage.dedup.domain.TenantIndexes;
import dev.visage.dedup.infrastructure.JdbcDedupRows;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The in-memory near-duplicate path of JpaDedupService.findImage at N hashes in ONE tenant
 * (docs/BENCHMARKS.md "Dedup near-duplicate query, in-memory index"). Fills dedup_images of a
 * private database (schema from V11, V60, V61, the SQL path's band indexes left out) by COPY with
 * clustered pHashes: 70 % random, 30 % 0-6 bits away from an earlier hash (re-encodings). Then
 * loads the tenant through the production loader ({@link TenantIndexes} over {@link JdbcDedupRows})
 * and times Q lookups, a third each: the same image again, a near copy (1-8 bits), a new image.
 * A lookup is what findImage does on the memory path: the index probe, then its one statement
 * ({@link JdbcDedupRows#READ_BACK_AND_COUNT}: the candidates' rows by id, and the hit counters),
 * then the choice. Not part of the suite; run with scripts/bench-dedup.sh.
 */
public final class DedupMemoryBenchmark {

    static final String TENANT = "bench";

    private DedupMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[3]);
        int queries = Integer.parseInt(args[4]);
        boolean reuse = args.length > 5 && args[5].equals("reuse");
        Random random = new Random(17);
        try (Connection c = DriverManager.getConnection(url, args[1], args[2])) {
            if (!reuse) {
                load(c, n, random);
            }
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(url);
            ds.setUser(args[1]);
            ds.setPassword(args[2]);
            TenantIndexes indexes = new TenantIndexes(new JdbcDedupRows(pooled(ds.getConnection())), Runnable::run, Clock.systemUTC(), 8,
                    new TenantIndexes.Limits(1, 50_000_000L, Duration.ofHours(1), Duration.ofHours(1)));
            Runtime rt = Runtime.getRuntime();
            long before = usedAfterGc(rt);
            long t0 = System.nanoTime();
            indexes.load(TENANT);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            long after = usedAfterGc(rt);
            TenantIndexes.Held held = indexes.held();
            System.out.printf("index load: %d entries in %.1f s (%.0f rows/s); arrays %.1f bytes/entry; heap growth after GC"
                            + " %.1f bytes/entry (%.0f MiB)%n", held.entries(), loadSeconds, held.entries() / loadSeconds,
                    (double) held.bytes() / held.entries(), (double) (after - before) / held.entries(), (after - before) / 1048576.0);

            // queries: known images (same sha and pHash), near copies, new images
            List<long[]> sample = sample(c, queries);
            long[] q = new long[queries];
            String[] sha = new String[queries];
            for (int i = 0; i < queries; i++) {
                long[] row = sample.get(i % sample.size());
                if (i % 3 == 0) {
                    q[i] = row[1];
                    sha[i] = shaOf(row[0]);
                } else {
                    q[i] = i % 3 == 1 ? flip(row[1], random, 1 + random.nextInt(8)) : random.nextLong();
                    sha[i] = String.format("%064x", 0xF00000000L + i);
                }
            }
            long[] probe = new long[queries];
            long[] total = new long[queries];
            int hits = 0;
            int exact = 0;
            long candidates = 0;
            // as in production, the counters commit with the message's transaction: the commit is not timed
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(JdbcDedupRows.READ_BACK_AND_COUNT)) {
                for (int pass = 0; pass < 2; pass++) {  // warm-up, then measured
                    hits = 0;
                    exact = 0;
                    candidates = 0;
                    for (int i = 0; i < queries; i++) {
                        long s = System.nanoTime();
                        HashIndex.Candidates near = indexes.near(TENANT, q[i]).orElseThrow();
                        probe[i] = System.nanoTime() - s;
                        ps.setString(1, HashBands.sqlArray(near.ids()));
                        ps.setString(2, TENANT);
                        ps.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                        ps.setString(4, TENANT);
                        ps.setShort(5, (short) 0);
                        List<ImageMatch> rows = new ArrayList<>();
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                rows.add(new ImageMatch(rs.getString(1), rs.getLong(2), rs.getString(3),
                                        Long.bitCount(rs.getLong(2) ^ q[i])));
                            }
                        }
                        Optional<ImageMatch> match = ImageMatch.best(sha[i], rows);
                        total[i] = System.nanoTime() - s;
                        c.commit();
                        candidates += near.size();
                        hits += match.isPresent() ? 1 : 0;
                        exact += match.filter(m -> m.distance() == 0).isPresent() ? 1 : 0;
                    }
                }
            }
            c.setAutoCommit(true);
            System.out.printf("queries=%d hits=%d (distance 0: %d) candidates/query=%.2f%n", queries, hits, exact,
                    (double) candidates / queries);
            print("index probe only", probe);
            print("findImage memory path (probe + its one statement: read-back and counters)", total);

            long c0 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                indexes.catchUp();
            }
            System.out.printf("catch-up round (nothing new, every second in production): %.2f ms%n", (System.nanoTime() - c0) / 20e6);
        }
    }

    /** One kept connection whose close() does nothing: what Liberty's connection pool gives the production loader. */
    static DataSource pooled(Connection kept) {
        Connection handle = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, margs) -> method.getName().equals("close") ? null : method.invoke(kept, margs));
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, margs) -> {
                    if (method.getName().equals("getConnection")) {
                        return handle;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    static void print(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("%s ms: p50=%.3f p95=%.3f p99=%.3f max=%.3f mean=%.3f%n", what, ms(s, 0.5), ms(s, 0.95), ms(s, 0.99),
                s[s.length - 1] / 1e6, Arrays.stream(s).average().orElse(0) / 1e6);
    }

    static double ms(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    static long usedAfterGc(Runtime rt) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    static long flip(long h, Random random, int bits) {
        for (int k = 0; k < bits; k++) {
            h ^= 1L << random.nextInt(64);
        }
        return h;
    }

    static String shaOf(long i) {
        return String.format("%064x", i);
    }

    /** (row number, pHash) of up to n rows spread over the table. */
    static List<long[]> sample(Connection c, int n) throws Exception {
        List<long[]> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT ('x' || substr(image_sha256, 49))::bit(64)::bigint,"
                + " phash FROM dedup_images TABLESAMPLE SYSTEM (1) LIMIT " + n)) {
            while (rs.next()) {
                out.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        }
        return out;
    }

    static void load(Connection c, int n, Random random) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS dedup_images, dedup_faces, dedup_counters, dedup_flushes CASCADE");
            for (String v : new String[] {"V11__dedup.sql", "V60__dedup_memory_index.sql",
                    "V61__dedup_counter_shards.sql"}) {
                for (String stmt : Files.readString(Path.of("db-migrations", v)).replaceAll("--[^\n]*", "").split(";")) {
                    if (!stmt.isBlank() && !stmt.contains("USING hnsw")) {
                        s.execute(stmt);
                    }
                }
            }
            // the memory path needs none of the SQL path's indexes; the PK is built after the load
            s.execute("DROP INDEX dedup_images_key0_idx, dedup_images_key1_idx, dedup_images_key2_idx, dedup_images_phash_idx,"
                    + " dedup_images_expires_idx, dedup_images_id_idx, dedup_images_txid_idx");
            s.execute("ALTER TABLE dedup_images DROP CONSTRAINT dedup_images_pkey");
        }
        long t0 = System.nanoTime();
        long[] hashes = new long[n];
        long high = HashBands.key(TENANT, 0);
        long rows = ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI().copyIn(
                "COPY dedup_images (tenant_id, image_sha256, phash, canonical_sha256, key0, key1, key2, created_at, expires_at)"
                        + " FROM STDIN", new Reader() {
                    private int i;
                    private final StringBuilder buf = new StringBuilder();
                    private int pos;

                    @Override
                    public int read(char[] cbuf, int off, int len) {
                        while (pos >= buf.length()) {
                            if (i == n) {
                                return -1;
                            }
                            buf.setLength(0);
                            pos = 0;
                            long h = i < 16 || random.nextInt(10) < 7 ? random.nextLong()
                                    : flip(hashes[random.nextInt(i)], random, random.nextInt(7));
                            hashes[i] = h;
                            String sha = shaOf(i);
                            buf.append(TENANT).append('\t').append(sha).append('\t').append(h).append('\t').append(sha)
                                    .append('\t').append(high | HashBands.band(h, 0)).append('\t').append(high | HashBands.band(h, 1))
                                    .append('\t').append(high | HashBands.band(h, 2))
                                    .append("\t2026-01-01 00:00:00+00\t2100-01-01 00:00:00+00\n");
                            i++;
                        }
                        int k = Math.min(len, buf.length() - pos);
                        buf.getChars(pos, pos + k, cbuf, off);
                        pos += k;
                        return k;
                    }

                    @Override
                    public void close() throws IOException {
                    }
                });
        System.out.printf("COPY %d rows in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE UNIQUE INDEX dedup_images_id_idx ON dedup_images (id)");
            s.execute("CREATE INDEX dedup_images_txid_idx ON dedup_images (txid)");
            s.execute("VACUUM ANALYZE dedup_images");
        }
        System.out.printf("id and txid indexes + VACUUM ANALYZE in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
}
