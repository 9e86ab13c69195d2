package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.it.corpus.DamagedImages;
import dev.visage.it.corpus.DamagedImages.Sample;
import dev.visage.it.corpus.HostileJson;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 13 item 6: the generated robustness corpus (damaged and hostile images, hostile JSON,
 * every field at and just over its limit) sent to every public body-taking endpoint: no 5xx, no
 * request over 10 s, every refusal is problem+json saying what was wrong, no OutOfMemoryError in
 * the server's log, and the service is ready afterwards. The queue side is {@link CorpusQueueIT}.
 */
@ResourceLock(value = SuiteLocks.BATCH_CONSUMER, mode = ResourceAccessMode.READ)
class CorpusIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String BOUNDARY = "visage-corpus-boundary";
    /** A small real photo (35 KB) keeps the few hundred requests to a few minutes; the damage is the same. */
    static final String CORPUS_PHOTO = "img5.jpg";

    /** A body-taking endpoint: its path, the name of its image field, and the other fields it needs. */
    record Endpoint(String path, String image, Map<String, String> fields) {
    }

    private final String tenant = "corpus-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> statuses = new TreeMap<>();

    @Test
    void everyPublicBodyEndpointTakesTheWholeCorpusWithoutA5xxAndSaysWhyItRefuses() throws Exception {
        String company = RecognitionRestIT.newCompany();
        assertEquals(201, RecognitionRestIT.enrol(company, "alice", "f1", "img1.jpg").status());
        String c = "/api/v1/companies/" + company;
        String photo = Base64.getEncoder().encodeToString(Photos.bytes("img16.jpg"));
        List<Endpoint> endpoints = List.of(
                new Endpoint(c + "/recognize", "file", Map.of()),
                new Endpoint(c + "/users", "file", Map.of("user_id", "corpus-user", "face_id", "f1")),
                new Endpoint(c + "/verify", "file", Map.of("user_id", "alice")),
                new Endpoint("/api/v1/verify", "file1", Map.of()),
                new Endpoint("/api/v1/faces/analyze", "file", Map.of()),
                new Endpoint("/api/v1/detect", "file", Map.of()),
                new Endpoint("/api/v1/embedding", "file", Map.of()),
                new Endpoint("/search-face", "file", Map.of()),
                new Endpoint("/get-faces", "file", Map.of()),
                new Endpoint("/get-features", "file", Map.of()),
                new Endpoint("/get-embedding", "file", Map.of()));
        List<Endpoint> queued = List.of(new Endpoint("/api/v1/ingest", "file", Map.of()),
                new Endpoint("/api/v1/images", "file", Map.of()));

        for (Sample s : DamagedImages.from(Photos.bytes(CORPUS_PHOTO), png(Photos.bytes(CORPUS_PHOTO)))) {
            boolean photoDamage = s.name().startsWith("jpeg-") && !s.name().contains("sof") || s.name().startsWith("png-")
                    && (s.name().contains("flipped") || s.name().contains("truncated"));
            for (Endpoint e : endpoints) {
                Map<String, String> fields = e.path().endsWith("/api/v1/verify") ? Map.of() : e.fields();
                byte[] body = multipart(fields, e.image(), s.bytes(), e.path().endsWith("/api/v1/verify"));
                check(e.path() + " multipart " + s, post(e.path(), "multipart/form-data; boundary=" + BOUNDARY, body),
                        photoDamage);
                String json = json(e, e.image().equals("file1") ? "image1" : "image", s.bytes(), photo);
                check(e.path() + " json " + s, post(e.path(), "application/json", json.getBytes(StandardCharsets.UTF_8)),
                        photoDamage);
            }
            for (Endpoint e : queued) {
                // stored and queued like any upload; what the worker makes of it is CorpusQueueIT's business
                check(e.path() + " multipart " + s, post(e.path(), "multipart/form-data; boundary=" + BOUNDARY,
                        multipart(e.fields(), e.image(), s.bytes(), false)), true);
            }
        }
        List<String> jsonPaths = new ArrayList<>(endpoints.stream().map(Endpoint::path).toList());
        jsonPaths.addAll(List.of("/api/v1/ingest", "/api/v1/images", "/api/batch/add-images", "/api/v1/digests",
                "/digest", "/api/v1/companies", "/cluster-faces"));
        for (Sample s : HostileJson.bodies()) {
            for (String path : jsonPaths) {
                check(path + " " + s, post(path, "application/json", s.bytes()), !HostileJson.isMalformed(s));
            }
        }
        byte[] zip = multipart(Map.of("projectId", tenant), "file", DamagedImages.zipBomb(200 << 20), false);
        check("/api/batch/upload-zip zip-bomb", post("/api/batch/upload-zip", "multipart/form-data; boundary=" + BOUNDARY,
                zip), true);
        fieldsAtAndOverTheirLimits(company);

        System.out.println("CorpusIT statuses: " + statuses);
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
        assertEquals("UP", Api.server().get("/health/ready").json().getString("status"));
        assertNoErrorInTheServerLog();
    }

    /** Over REST: each ingest field at its limit is not refused for its length, one over is 422 naming it. */
    private void fieldsAtAndOverTheirLimits(String company) {
        for (HostileJson.FieldCase f : HostileJson.ingestFields()) {
            String message = HostileJson.ingestMessage(tenant, UUID.randomUUID().toString(), f.field(), f.value(), "null");
            Reply r = post("/api/v1/ingest", "application/json", ("[" + message + "]").getBytes(StandardCharsets.UTF_8));
            check("ingest " + f, r, !f.over());
            String says = f.field().jsonName() + " must be at most";
            if (f.over() != (r.status() == 422 && r.body().contains(says))) {
                failures.add("ingest " + f + ": " + r);
            }
        }
        for (int hints : new int[] {100, 101}) {
            String message = HostileJson.ingestMessage(tenant, UUID.randomUUID().toString(), null, null,
                    HostileJson.faceHints(hints));
            Reply r = post("/api/v1/ingest", "application/json", ("[" + message + "]").getBytes(StandardCharsets.UTF_8));
            check("ingest " + hints + " face_hints", r, hints == 100);
            if ((hints > 100) != (r.status() == 422 && r.body().contains("face_hints"))) {
                failures.add("ingest " + hints + " face_hints: " + r);
            }
        }
        String photo = Base64.getEncoder().encodeToString(Photos.bytes("img16.jpg"));
        for (int length : new int[] {255, 256}) {
            String id = "i".repeat(length);
            Reply created = post("/api/v1/companies", "application/json", ("{\"company_id\":\"" + id + "\"}").getBytes());
            Reply user = post("/api/v1/companies/" + company + "/users", "application/json", ("{\"user_id\":\"" + id
                    + "\",\"face_id\":\"" + "f".repeat(length) + "\",\"image\":\"" + photo + "\"}").getBytes());
            for (Reply r : List.of(created, user)) {
                check("recognition id of " + length, r, length == 255);
                if ((length > 255) != (r.status() == 400)) {
                    failures.add("recognition id of " + length + " characters: " + r);
                }
            }
        }
    }

    /** No 5xx; a refusal is problem+json whose detail says what; {@code mayPass}: a 2xx is acceptable too. */
    private void check(String what, Reply r, boolean mayPass) {
        statuses.merge(r.status() / 100 + "xx", 1, Integer::sum);
        if (r.status() >= 500 || r.status() < 200) {
            failures.add(what + ": " + r);
        } else if (r.status() < 300) {
            if (!mayPass) {
                failures.add(what + " was accepted: " + r);
            }
        } else if (!r.contentType().startsWith("application/problem+json")) {
            failures.add(what + ": a refusal that is not problem+json: " + r);
        } else {
            JsonObject problem = Json.createReader(new StringReader(r.body())).readObject();
            if (problem.getString("detail", "").isBlank()) {
                failures.add(what + ": a refusal without a detail: " + r);
            }
        }
    }

    record Reply(int status, String contentType, String body) {
        @Override
        public String toString() {
            return status + " " + contentType + " " + body.substring(0, Math.min(300, body.length()));
        }
    }

    /** One request with a 10 s client timeout: a request that takes longer is a failure, not a wait. */
    private Reply post(String path, String contentType, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(Api.server().base() + path))
                .timeout(Duration.ofSeconds(10)).header("X-API-Key", Api.ADMIN_KEY).header("X-Tenant-ID", tenant)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            return new Reply(0, "", "no answer within 10 s: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] multipart(Map<String, String> fields, String field, byte[] image, boolean secondPhoto) {
        Multipart m = Multipart.of(BOUNDARY);
        fields.forEach(m::field);
        m.file(field, "corpus.jpg", "image/jpeg", image);
        if (secondPhoto) {
            m.file("file2", "img16.jpg", "image/jpeg", Photos.bytes("img16.jpg"));
        }
        return m.bytes();
    }

    private static String json(Endpoint e, String field, byte[] image, String secondPhoto) {
        StringBuilder b = new StringBuilder("{");
        e.fields().forEach((k, v) -> b.append('"').append(k).append("\":\"").append(v).append("\","));
        if (field.equals("image1")) {
            b.append("\"image2\":\"").append(secondPhoto).append("\",");
        }
        return b.append('"').append(field).append("\":\"").append(Base64.getEncoder().encodeToString(image)).append("\"}")
                .toString();
    }

    static byte[] png(byte[] jpeg) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(ImageIO.read(new java.io.ByteArrayInputStream(jpeg)), "png", out);
        return out.toByteArray();
    }

    /** The server's log: no OutOfMemoryError or StackOverflowError, ever, on this test server. */
    static void assertNoErrorInTheServerLog() throws IOException {
        Path log = Path.of(System.getProperty("visage.wlp"), "usr/servers", System.getProperty("visage.test.server"), "logs/messages.log");
        assertTrue(Files.exists(log), log + " exists");
        String text = Files.readString(log, StandardCharsets.ISO_8859_1);
        assertFalse(text.contains("OutOfMemoryError"), "OutOfMemoryError in " + log);
        assertFalse(text.contains("StackOverflowError"), "StackOverflowError in " + log);
    }
}
