package dev.visage.gallery.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The insert rate while searching: one session adds new faces (people of 10, in another tenant, one transaction
 * each, as the ingest pipeline stores them) into the indexed table, while this thread searches unfiltered at
 * production's ef_search; reports both.
 */
final class InsertWhileSearching {

    static final String TENANT = "bench-insert";

    private InsertWhileSearching() {
    }

    /** Removes what an earlier run inserted: the table stays as loaded, for "reuse". */
    private static void clear(String[] login) throws java.sql.SQLException {
        try (Connection c = DriverManager.getConnection(login[0], login[1], login[2]);
             var s = c.createStatement()) {
            s.execute("DELETE FROM faces WHERE tenant_id = '" + TENANT + "'");
        }
    }

    static String run(String[] login, SearchCorpus corpus, SearchQueries sq, List<float[]> probes, int ef, int seconds)
            throws Exception {
        clear(login);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong inserted = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread inserter = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(login[0], login[1], login[2])) {
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                FaceLikeVectors people = new FaceLikeVectors(corpus.shape(), new Random(7));
                double[] person = null;
                for (int i = 0; !stop.get(); i++) {
                    person = i % 10 == 0 ? people.person() : person;
                    String row = SearchCorpus.row(corpus.n + i, TENANT, "g" + (corpus.n + i) % 1000, SearchCorpus.MODEL,
                            SearchCorpus.VERSION, people.face(person));
                    copy.copyIn(SearchCorpus.COPY, new StringReader(row));
                    inserted.incrementAndGet();
                }
            } catch (Exception e) {
                failure.set(e);
            }
        }, "inserter");
        long start = System.nanoTime();
        inserter.start();
        double[] ms = new double[100_000];
        int q = 0;
        while (System.nanoTime() - start < seconds * 1_000_000_000L && q < ms.length) {
            long t = System.nanoTime();
            sq.nearest(probes.get(q % probes.size()), null, null, ef, false);
            ms[q++] = (System.nanoTime() - t) / 1e6;
        }
        stop.set(true);
        inserter.join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw failure.get();
        }
        clear(login);
        double[] done = Arrays.copyOf(ms, q);
        return String.format(Locale.ROOT, "insert while searching (%.0f s): %.0f faces/s inserted (one session, a"
                + " transaction each) while %d unfiltered searches (ef_search %d) took p50 %.1f ms, p95 %.1f ms%n",
                elapsed, inserted.get() / elapsed, q, ef, SearchBenchmark.pct(done, 50), SearchBenchmark.pct(done, 95));
    }
}
