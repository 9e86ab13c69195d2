package dev.visage.gallery.bench;

import dev.visage.ingest.infrastructure.persistence.FaceSql;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Search by image end to end at N faces (issue 17): against a running Visage (./visage up), fills one tenant with N
 * face-like vectors of the server's recogniser (the search benchmark's {@link SearchCorpus}, COPYed into its
 * database; its 128-d HNSW index is dropped and rebuilt with V18_1's statement around the COPY, as a bulk load
 * would), then times {@code POST /search-face} and {@code POST /api/v1/search-face} one request at a time: a photo
 * (decode, detect, embed, kNN over the tenant's N faces), a 640×480 frame, the same photo with a 10 % site filter,
 * and an embedding (the kNN and the HTTP round trip alone). A development instance only: it writes the database
 * directly. Ends with one line per case: {@code search-image n=… route=… probe=… p50_ms=… p95_ms=… matches=…}.
 */
public final class SearchByImage {

    private static final Pattern MODEL = Pattern.compile("\"model\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern MATCH = Pattern.compile("\"face_id\"|\"faceId\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String key;

    private SearchByImage(String base, String key) {
        this.base = base;
        this.key = key;
    }

    /** Arguments: base-url admin-key jdbc-url db-user db-password N Q. Property: warmup (10). */
    public static void main(String[] args) throws Exception {
        SearchByImage admin = new SearchByImage(args[0], args[1]);
        int n = Integer.parseInt(args[5]);
        int queries = Integer.parseInt(args[6]);
        String tenant = "bench-search-" + n;
        String secret = find(admin.send("POST", "/api/v1/admin/api-keys", "application/json",
                ("{\"tenant_id\":\"" + tenant + "\",\"name\":\"bench-search\"}").getBytes(StandardCharsets.UTF_8)),
                Pattern.compile("\"secret\"\\s*:\\s*\"([^\"]+)\""));
        SearchByImage client = new SearchByImage(args[0], secret);
        byte[] photo = Files.readAllBytes(Path.of("testdata/deepface-pairs/images/img15.jpg"));
        byte[] frame = Files.readAllBytes(Path.of("testdata/bench/frame-640x480.jpg"));
        String model = find(client.upload("/search-face", photo, ""), MODEL);
        String embedding = find(client.upload("/api/v1/embedding", photo, ""),
                Pattern.compile("\"embedding\"\\s*:\\s*(\\[[^\\]]*\\])"));
        try (Connection c = DriverManager.getConnection(args[2], args[3], args[4])) {
            long stored = count(c, tenant);
            if (stored < n) {
                seed(c, tenant, model, n, stored);
            }
            System.out.printf(Locale.ROOT, "tenant %s: %d faces of %s%n", tenant, count(c, tenant), model);
        }
        String json = "{\"image\":\"" + Base64.getEncoder().encodeToString(photo) + "\"}";
        List<String> lines = new ArrayList<>();
        lines.add(client.time(n, queries, "/search-face", "img15.jpg", () -> client.upload("/search-face", photo, "")));
        lines.add(client.time(n, queries, "/search-face", "frame-640x480.jpg",
                () -> client.upload("/search-face", frame, "")));
        lines.add(client.time(n, queries, "/search-face", "img15.jpg+site10",
                () -> client.upload("/search-face", photo, "s3")));
        lines.add(client.time(n, queries, "/api/v1/search-face", "img15.jpg(base64)",
                () -> client.send("POST", "/api/v1/search-face", "application/json", json.getBytes(StandardCharsets.UTF_8))));
        lines.add(client.time(n, queries, "/api/v1/search-face", "embedding", () -> client.send("POST",
                "/api/v1/search-face", "application/json", ("{\"embedding\":" + embedding + "}").getBytes(StandardCharsets.UTF_8))));
        lines.forEach(System.out::println);
    }

    /** Adds faces {@code from..n} of the corpus to the tenant: the index is rebuilt around the COPY. */
    private static void seed(Connection c, String tenant, String model, int n, long from) throws Exception {
        String[] nameVersion = model.split("@", 2);
        FaceLikeVectors.Shape shape = SearchBenchmark.shape(nameVersion[0], "fitted");
        Random random = new Random(42);
        SearchCorpus corpus = new SearchCorpus(new FaceLikeVectors(shape, random), random, n, 1);
        String index = FaceSql.indexName(corpus.dims());
        long t0 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
            s.execute("DELETE FROM faces WHERE tenant_id = '" + tenant + "'");
        }
        corpus.copy(c, i -> tenant, nameVersion[0], nameVersion[1], false);
        long t1 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            s.execute(SearchCorpus.Index.production(corpus.dims()));
            s.execute("ANALYZE faces");
        }
        System.out.printf(Locale.ROOT, "seeded %d faces in %.0f s (had %d); %s rebuilt in %.0f s%n", n,
                (t1 - t0) / 1e9, from, index, (System.nanoTime() - t1) / 1e9);
    }

    private static long count(Connection c, String tenant) throws Exception {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM faces WHERE tenant_id = '" + tenant + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    interface Call {
        String run() throws Exception;
    }

    /** Warm-up, then Q calls one at a time: p50/p95/p99 and the matches of the last answer. */
    private String time(int n, int queries, String route, String probe, Call call) throws Exception {
        for (int i = 0; i < Integer.getInteger("warmup", 10); i++) {
            call.run();
        }
        double[] ms = new double[queries];
        String last = "";
        for (int q = 0; q < queries; q++) {
            long t = System.nanoTime();
            last = call.run();
            ms[q] = (System.nanoTime() - t) / 1e6;
        }
        Matcher m = MATCH.matcher(last);
        int matches = 0;
        while (m.find()) {
            matches++;
        }
        System.out.printf(Locale.ROOT, "%s %s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n", route, probe,
                SearchBenchmark.pct(ms, 50), SearchBenchmark.pct(ms, 95), SearchBenchmark.pct(ms, 99));
        return String.format(Locale.ROOT, "search-image n=%d route=%s probe=%s p50_ms=%.1f p95_ms=%.1f matches=%d", n,
                route, probe, SearchBenchmark.pct(ms, 50), SearchBenchmark.pct(ms, 95), matches);
    }

    /** A multipart upload of the image as field {@code file}, with field {@code site} unless empty. */
    private String upload(String route, byte[] image, String site) throws Exception {
        String boundary = "bench" + UUID.randomUUID();
        return send("POST", route, "multipart/form-data; boundary=" + boundary,
                multipartBody(boundary, image, site));
    }

    private static byte[] multipartBody(String boundary, byte[] image, String site) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.length + 512);
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"probe.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(image);
        String tail = site.isEmpty() ? "" : "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"site\"\r\n\r\n" + site;
        out.writeBytes((tail + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private String send(String method, String path, String contentType, byte[] body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-API-Key", key)
                .header("Content-Type", contentType).header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static String find(String body, Pattern p) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException(p + " not in " + body);
        }
        return m.group(1);
    }
}
