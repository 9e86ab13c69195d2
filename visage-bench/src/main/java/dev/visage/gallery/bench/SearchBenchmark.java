package dev.visage.gallery.bench;

import dev.visage.ingest.application.DedicatedIndexes;
import dev.visage.ingest.infrastructure.persistence.FaceSql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Search benchmark behind docs/BENCHMARKS.md "Search": N synthetic faces shaped like the recogniser's real
 * embeddings ({@link FaceLikeVectors}, fitted to {@link RealEmbeddings}) in ingest's {@code faces} table, in
 * one or more tenants; Q probes (new faces of stored people of tenant 0); the production statements
 * ({@link SearchQueries}) unfiltered, with a 0.1 % group filter and a 10 % site filter; p50/p95/p99 latency,
 * recall@10 against exact search (in memory) and same-person recall. Ends with one line per case:
 * {@code search n=1000000 tenants=1 filter=none p50_ms=4.1 p95_ms=9.8 recall10=0.962}, at the ef_search
 * production picks. Run by {@code scripts/bench-search.sh N Q [reuse|reindex]}; settings are system properties
 * (the script's BENCH_JAVA_OPTS), listed in {@link #main}.
 */
public final class SearchBenchmark {

    private SearchBenchmark() {
    }

    record Filter(String name, String column, String value, IntPredicate keeps) {
    }

    /**
     * Arguments: jdbc-url user password N Q [reuse | reindex (keep the loaded faces, build the index again)]. Properties: model (whose real embeddings shape the vectors;
     * the server's default recogniser, visage.embedder.model), vectors (fitted | isotropic), tenants (1), efs (40,100,200,400),
     * workers (1), maintenance.work.mem (2GB); the index is production's (V18_1) unless half (index and search halfvec
     * or vector), m (16) or ef.construction (64) is given; overfetch (1),
     * filters (none,group0.1,site10), dedicated (none | site: site s3 of the probes' tenant gets its own index, as an operator would
     * declare it | tenant: the probes' tenant gets one),
     * insert.seconds (20: the
     * insert rate while searching, after the cases; 0 = off), iterative (relaxed_order); and exact.max.rows, max.scan.tuples, ef.search and
     * ef.search.rows, by default the server's own (visage.search.*).
     */
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[3]);
        int queries = Integer.parseInt(args[4]);
        String mode = args.length > 5 ? args[5] : "load";
        int tenants = Integer.getInteger("tenants", 1);
        // production's index and search unless a storage or graph parameter is given
        boolean custom = System.getProperty("half") != null || System.getProperty("m") != null
                || System.getProperty("ef.construction") != null;
        boolean half = !custom || Boolean.getBoolean("half");
        Properties production = new Properties();
        try (var in = FaceSql.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            production.load(in);
        }
        FaceLikeVectors.Shape shape = shape(System.getProperty("model",
                production.getProperty("visage.embedder.model").trim()), System.getProperty("vectors", "fitted"));
        SearchCorpus.Index index = new SearchCorpus.Index(!custom, half, Integer.getInteger("m", 16),
                Integer.getInteger("ef.construction", 64), Integer.getInteger("workers", 1),
                System.getProperty("maintenance.work.mem", "2GB"));
        if (mode.equals("reindex")) {
            // before the vectors are generated: at 10M they take 5 GB of this process, which the build's graph
            // (maintenance_work_mem) and the page cache need while it runs
            try (Connection c = DriverManager.getConnection(url, args[1], args[2])) {
                SearchCorpus.index(c, index, shape.dims());
            }
        }
        Random random = new Random(42);
        long t = System.nanoTime();
        SearchCorpus corpus = new SearchCorpus(new FaceLikeVectors(shape, random), random, n, tenants);
        System.out.printf(Locale.ROOT, "generated %d faces (%s) in %.0f s%n", n, shape, (System.nanoTime() - t) / 1e9);
        List<float[]> probes = new ArrayList<>();
        int[] person = new int[queries];
        for (int q = 0; q < queries; q++) {
            int[] p = new int[1];
            probes.add(corpus.probe(random, p));
            person[q] = p[0];
        }
        SearchQueries.Settings settings = new SearchQueries.Settings(half, Integer.getInteger("overfetch", 1),
                setting(production, "exact.max.rows", "visage.search.exact-max-rows"),
                System.getProperty("iterative", "relaxed_order"),
                setting(production, "max.scan.tuples", "visage.search.max-scan-tuples"));
        List<String> summary = new ArrayList<>();
        int unfilteredEf = 0;
        StringBuilder report = new StringBuilder();
        try (Connection c = DriverManager.getConnection(url, args[1], args[2])) {
            if (mode.equals("load")) {
                corpus.load(c, index);
            }
            SearchQueries sq = new SearchQueries(c, corpus.dims(), settings);
            long tenantGraph = n;
            long siteGraph = n;
            String dedicated = System.getProperty("dedicated", "none");
            if (!dedicated.equals("none")) {
                // the tenant's or the site's own graph, as an operator declares it (POST /api/v1/admin/search-indexes)
                DedicatedIndexes.Scope scope = new DedicatedIndexes.Scope(SearchCorpus.tenant(0),
                        dedicated.equals("tenant") ? null : "s3", corpus.dims());
                long faces = SearchCorpus.dedicated(c, scope);
                siteGraph = faces;
                tenantGraph = scope.site() == null ? faces : n;
                sq.dedicated(scope);
            }
            for (Filter f : List.of(new Filter("none", null, null, i -> true),
                    new Filter("group0.1", "group_id", "g7", i -> i % 1000 == 7),
                    new Filter("site10", "site", "s3", i -> i % 10 == 3))) {
                if (!System.getProperty("filters", "none,group0.1,site10").contains(f.name())) {
                    continue;
                }
                IntPredicate scope = corpus.scope(f.keeps());
                List<Set<String>> truth = IntStream.range(0, queries).parallel()
                        .mapToObj(q -> exact(corpus, probes.get(q), scope)).toList();
                List<Set<String>> same = IntStream.range(0, queries).parallel()
                        .mapToObj(q -> exact(corpus, probes.get(q), i -> corpus.owner[i] == person[q] && scope.test(i)))
                        .toList();
                long estimate = sq.estimate(f.column(), f.value());
                int productionEf = FaceSql.scaledEfSearch(setting(production, "ef.search", "visage.search.ef-search"),
                        estimate, "site".equals(f.column()) ? siteGraph : tenantGraph,
                        setting(production, "ef.search.rows", "visage.search.ef-search-rows"));
                unfilteredEf = f.column() == null ? productionEf : unfilteredEf;
                boolean exactPath = settings.exactMaxRows() > 0 && estimate <= settings.exactMaxRows();
                List<Integer> efs = new ArrayList<>(Arrays.stream(System.getProperty("efs", "40,100,200,400").split(","))
                        .map(Integer::valueOf).toList());
                if (exactPath) {
                    efs = List.of(productionEf);
                } else if (!efs.contains(productionEf)) {
                    efs.add(productionEf);
                }
                for (int ef : efs) {
                    for (int q = 0; q < Math.min(queries, 20); q++) {
                        sq.nearest(probes.get(q), f.column(), f.value(), ef, false); // warm-up
                    }
                    double[] ms = new double[queries];
                    double recall = 0;
                    double personRecall = 0;
                    for (int q = 0; q < queries; q++) {
                        long s = System.nanoTime();
                        Set<String> got = sq.nearest(probes.get(q), f.column(), f.value(), ef, false);
                        ms[q] = (System.nanoTime() - s) / 1e6;
                        recall += overlap(got, truth.get(q));
                        personRecall += overlap(got, same.get(q));
                    }
                    String line = String.format(Locale.ROOT, "filter %-8s %s: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms,"
                                    + " recall@10 %.4f, same-person recall %.4f (estimate %d rows)%n", f.name(),
                            exactPath ? "exact path" : "ef_search " + ef, pct(ms, 50), pct(ms, 95), pct(ms, 99),
                            recall / queries, personRecall / queries, estimate);
                    System.out.print(line);
                    report.append(line);
                    if (ef == productionEf) {
                        summary.add(String.format(Locale.ROOT, "search n=%d tenants=%d filter=%s p50_ms=%.1f p95_ms=%.1f"
                                + " recall10=%.3f", n, tenants, f.name(), pct(ms, 50), pct(ms, 95), recall / queries));
                    }
                }
            }
            int seconds = Integer.getInteger("insert.seconds", 20);
            if (seconds > 0 && unfilteredEf > 0) {
                String line = InsertWhileSearching.run(new String[] {url, args[1], args[2]}, corpus, sq, probes,
                        unfilteredEf, seconds);
                System.out.print(line);
                report.append(line);
            }
        }
        summary.forEach(System.out::println);
        Path out = Path.of("target/search-bench-" + n + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report + String.join("\n", summary) + "\n");
    }

    /** The shape of the vectors: fitted to the recogniser's real embeddings, or the old isotropic spread. */
    static FaceLikeVectors.Shape shape(String model, String vectors) throws Exception {
        List<RealEmbeddings.Row> rows = RealEmbeddings.load(model, 6, Path.of("target/real-embeddings-" + model + ".tsv"));
        int dims = rows.get(0).vector().length;
        if (vectors.equals("isotropic")) {
            return new FaceLikeVectors.Shape(dims, 1, 0.25, 0, 0.09, 0);
        }
        FaceLikeVectors.Stats real = FaceLikeVectors.stats(rows.stream().map(RealEmbeddings.Row::identity).toList(),
                rows.stream().map(RealEmbeddings.Row::vector).toList(), rows.stream().map(r -> r.variant() < 0).toList());
        FaceLikeVectors.Shape shape = FaceLikeVectors.fit(real, dims);
        System.out.println(model + " real embeddings: " + real);
        System.out.println("fitted vectors:    " + FaceLikeVectors.sample(shape, 40, 8, 11));
        return shape;
    }

    /** A search setting: the system property if given, else the server's default (microprofile-config.properties). */
    static int setting(Properties production, String property, String key) {
        return Integer.getInteger(property, Integer.parseInt(production.getProperty(key).trim()));
    }

    /** Ids of the 10 faces the scope keeps most similar to the probe (exact, in memory). */
    static Set<String> exact(SearchCorpus corpus, float[] probe, IntPredicate keeps) {
        PriorityQueue<double[]> best = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        for (int i = 0; i < corpus.n; i++) {
            if (!keeps.test(i)) {
                continue;
            }
            double dot = FaceLikeVectors.dot(probe, corpus.vectors[i]);
            if (best.size() < 10) {
                best.add(new double[] {dot, i});
            } else if (dot > best.peek()[0]) {
                best.poll();
                best.add(new double[] {dot, i});
            }
        }
        Set<String> ids = new HashSet<>();
        best.forEach(e -> ids.add(SearchCorpus.id((int) e[1]).toString()));
        return ids;
    }

    static double overlap(Set<String> got, Set<String> truth) {
        if (truth.isEmpty()) {
            return 1;
        }
        Set<String> hit = new HashSet<>(got);
        hit.retainAll(truth);
        return (double) hit.size() / truth.size();
    }

    static double pct(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1)];
    }
}
