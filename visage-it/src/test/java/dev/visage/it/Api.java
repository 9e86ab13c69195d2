package dev.visage.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A small HTTP client for the integration tests: real HTTP against the real Liberty. */
public final class Api {

    public static final String ADMIN_KEY = System.getenv().getOrDefault("VISAGE_ADMIN_KEY",
            "vsg_test_admin_key_0123456789abcdef");

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final List<String> headers = new ArrayList<>();

    private Api(String base) {
        this.base = base;
    }

    public static Api server() {
        return new Api("http://127.0.0.1:" + System.getProperty("visage.test.http.port", "9081"));
    }

    public static Api forPort(int port) {
        return new Api("http://127.0.0.1:" + port);
    }

    public static Api admin() {
        return server().header("X-API-Key", ADMIN_KEY);
    }

    /** The server's base URL, e.g. http://127.0.0.1:9081. */
    public String base() {
        return base;
    }

    public Api header(String name, String value) {
        Api copy = new Api(base);
        copy.headers.addAll(headers);
        copy.headers.add(name);
        copy.headers.add(value);
        return copy;
    }

    public Api key(String key) {
        return header("X-API-Key", key);
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    /** A GET whose body is binary (e.g. an image); {@link Reply#bytes()} holds it. */
    public Reply getBytes(String path) {
        try {
            HttpResponse<byte[]> r = CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), "", r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue("Location").orElse(null), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Any method with a JSON body (e.g. PATCH). */
    public Reply send(String method, String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply delete(String path) {
        return send(request(path).DELETE());
    }

    public Reply postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply post(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Reply postFile(String path, String field, String filename, String contentType, byte[] content) {
        return postMultipart(path, Map.of(), field, filename, contentType, content);
    }

    /** A multipart form with text fields and one file. */
    public Reply postMultipart(String path, Map<String, String> fields, String field, String filename, String contentType,
                               byte[] content) {
        String boundary = "visage-" + UUID.randomUUID();
        Multipart form = Multipart.of(boundary);
        fields.forEach(form::field);
        form.file(field, filename, contentType, content);
        return post(path, "multipart/form-data; boundary=" + boundary, form.bytes());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i < headers.size(); i += 2) {
            b.header(headers.get(i), headers.get(i + 1));
        }
        return b;
    }

    private static Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> r = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue("Location").orElse(null), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response. */
    public record Reply(int status, String body, String contentType, String location, byte[] bytes) {

        public JsonObject json() {
            return (JsonObject) structure();
        }

        public JsonStructure structure() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
