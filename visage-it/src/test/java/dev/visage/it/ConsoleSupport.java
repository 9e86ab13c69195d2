package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/** What the console tests share: the console's API over HTTP Basic, a tenant with live data, tagged messages. */
final class ConsoleSupport {

    /** Marks the console tests' own dead letters, so they can be cleaned up whatever happens. */
    static final String TEST_PROPERTY = "console_it";
    static final String RUN = UUID.randomUUID().toString();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ConsoleSupport() {
    }

    /** Other tests browse visage.DLQ by selector; the console tests leave nothing of theirs behind. */
    static void removeOurDeadLetters() {
        while (Broker.receive("visage.DLQ", TEST_PROPERTY + " = '" + RUN + "'", Duration.ofSeconds(1)) != null) {
            // drained one
        }
    }

    private static String pipelineTenant;

    /**
     * A tenant of this run whose photo went through the face pipeline twice (multipart ingest):
     * the second pass is a duplicate, so stats, dedup hits and stored faces all have live data.
     */
    static synchronized String pipelineTenant() {
        if (pipelineTenant == null) {
            String tenant = "console-" + RUN.substring(0, 8);
            for (int pass = 1; pass <= 2; pass++) {
                Api.Reply r = IngestPipelineIT.tenant(tenant).postMultipart("/api/v1/ingest", Map.of("site", "console-it"),
                        "file", "img1.jpg", "image/jpeg", Photos.bytes("img1.jpg"));
                assertEquals(202, r.status(), r::toString);
                IngestPipelineIT.awaitDone(tenant, pass, Duration.ofMinutes(2));
            }
            pipelineTenant = tenant;
        }
        return pipelineTenant;
    }

    /** Sends a text message carrying this run's marker property (and any others). */
    static void sendTagged(String queue, String body, Map<String, Object> properties) {
        try (JMSContext context = Broker.connectionFactory().createContext()) {
            TextMessage message = context.createTextMessage(body);
            message.setStringProperty(TEST_PROPERTY, RUN);
            for (Map.Entry<String, Object> p : properties.entrySet()) {
                message.setObjectProperty(p.getKey(), p.getValue());
            }
            context.createProducer().send(context.createQueue(queue), message);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the image has loaded real pixels (a broken image has no natural width). */
    static void assertThumbnailShown(Browser browser, By image) {
        browser.until(d -> {
            WebElement img = d.findElement(image);
            Object loaded = ((JavascriptExecutor) d).executeScript(
                    "return arguments[0].complete && arguments[0].naturalWidth > 0;", img);
            return Boolean.TRUE.equals(loaded) ? true : null;
        });
    }

    /** A console API answer (HTTP Basic), as JSON. */
    static JsonValue consoleJson(String path) {
        Reply reply = http("GET", path, basic("admin", Api.ADMIN_KEY));
        assertEquals(200, reply.status(), reply::toString);
        return Json.createReader(new StringReader(reply.body())).readValue();
    }

    static JsonObject awaitDeadLetter(String marker) {
        return Waits.until(Duration.ofSeconds(30), () -> deadLetter(marker), Optional::isPresent,
                "a dead letter with " + marker).orElseThrow();
    }

    /** The dead letter whose body contains the marker, through the console's own API. */
    static Optional<JsonObject> deadLetter(String marker) {
        Reply reply = http("GET", "/console/api/dead-letters/export", basic("admin", Api.ADMIN_KEY));
        assertEquals(200, reply.status(), reply::toString);
        return Json.createReader(new StringReader(reply.body())).readArray().stream()
                .map(JsonValue::asJsonObject).filter(d -> bodyOf(d).contains(marker)).findFirst();
    }

    static String bodyOf(JsonValue deadLetter) {
        JsonObject d = deadLetter.asJsonObject();
        // JSON-B leaves out null fields: a non-text body has no "body".
        return d.getString("body", "");
    }

    static JsonObject queue(String name) {
        Reply reply = http("GET", "/console/api/queues", basic("admin", Api.ADMIN_KEY));
        assertEquals(200, reply.status(), reply::toString);
        return Json.createReader(new StringReader(reply.body())).readObject().getJsonArray("queues").stream()
                .map(JsonValue::asJsonObject).filter(q -> q.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no queue " + name + " in " + reply.body()));
    }

    static By card(long id) {
        return By.cssSelector("article.dead-letter[data-id='" + id + "']");
    }

    static String cssOf(By by) {
        return by.toString().replaceFirst("^By\\.cssSelector: ", "");
    }

    static long number(String shown) {
        return Long.parseLong(shown.replaceAll("[^0-9]", ""));
    }

    static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    record Reply(int status, String body, HttpResponse<String> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse("");
        }

        @Override
        public String toString() {
            return status + " " + response.headers().map() + " " + body;
        }
    }

    static Reply http(String method, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + System.getProperty("visage.test.http.port", "9081") + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
