package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
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
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;

/**
 * The admin console in a real headless Chromium against the real server, broker and
 * database: sign-in, every page with live data, dead-letter retry/delete/export, and 401
 * without credentials. Screenshots of each page go to target/screenshots/.
 */
@ExtendWith(ArquillianExtension.class)
class ConsoleIT {

    /** Marks this class's own dead letters, so they can be cleaned up whatever happens. */
    static final String TEST_PROPERTY = "console_it";
    static final String RUN = UUID.randomUUID().toString();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.visage();
    }

    @AfterAll
    static void removeOurDeadLetters() {
        // Other tests browse visage.DLQ by selector; leave nothing of ours behind.
        while (Broker.receive("visage.DLQ", TEST_PROPERTY + " = '" + RUN + "'", Duration.ofSeconds(1)) != null) {
            // drained one
        }
    }

    // ------------------------------------------------------------------ access

    @Test
    void withoutCredentialsTheApiAnswers401AndBrowsersGetTheLoginPage() {
        Reply none = http("GET", "/console/api/overview", Map.of());
        assertEquals(401, none.status(), none::toString);
        assertTrue(none.header("Content-Type").startsWith("application/problem+json"), none::toString);
        assertTrue(none.header("WWW-Authenticate").startsWith("Basic"), "scripts are told to use Basic");
        assertEquals(401, http("GET", "/console/", Map.of()).status(), "a page without credentials");
        assertEquals(401, http("POST", "/console/api/dead-letters/retry", Map.of()).status());
        assertEquals(401, http("GET", "/console/api/queues", basic("admin", "vsg_wrong_key")).status());
        assertEquals(401, http("GET", "/console/api/queues", basic("root", Api.ADMIN_KEY)).status(), "user must be admin");

        String tenantKey = Api.admin().postJson("/api/v1/admin/api-keys", "{\"tenant_id\":\"console-it\"}")
                .json().getString("secret");
        assertEquals(403, http("GET", "/console/api/queues", basic("admin", tenantKey)).status(), "tenant keys are not admins");
        assertEquals(200, http("GET", "/console/api/queues", basic("admin", Api.ADMIN_KEY)).status());

        try (Browser browser = Browser.open()) {
            browser.go("/console/");
            browser.find(By.id("login-form"));
            assertTrue(browser.driver().getCurrentUrl().endsWith("/console/login.html"), browser.driver().getCurrentUrl());
            browser.screenshot("login");

            browser.submitKey(tenantKey);
            browser.textContaining(By.id("login-message"), "needs an admin key");
            browser.submitKey("vsg_not_a_key");
            browser.textContaining(By.id("login-message"), "not accepted");

            browser.signIn(Api.ADMIN_KEY);
            browser.find(By.cssSelector("#nav a[data-page=overview].active"));
            Cookie cookie = browser.driver().manage().getCookieNamed("visage_console");
            assertNotNull(cookie, "session cookie");
            assertTrue(cookie.isHttpOnly(), "HttpOnly");
            assertEquals("Strict", cookie.getSameSite());
            assertEquals("/console", cookie.getPath());

            // The cookie alone admits reads; changes also need the console's header (CSRF guard).
            Map<String, String> session = Map.of("Cookie", "visage_console=" + cookie.getValue());
            assertEquals(200, http("GET", "/console/api/session", session).status());
            assertEquals(403, http("POST", "/console/api/dead-letters/retry", session).status());

            browser.click(By.id("sign-out"));
            browser.find(By.id("login-form"));
            assertEquals(401, http("GET", "/console/api/session", session).status(), "signed out: the session is gone");
        }
    }

    // ------------------------------------------------------------------ pages

    @Test
    void overviewShowsReadinessCountersQueueDepthsAndThroughput() {
        Api.Reply accepted = Api.admin().postFile("/api/v1/images", "file", "img1.jpg", "image/jpeg", Photos.bytes("img1.jpg"));
        assertEquals(202, accepted.status(), accepted::toString);
        assertEquals("completed", ImageJobIT.awaitFinal(Api.admin(), accepted.location()).getString("status"));

        try (Browser browser = Browser.open()) {
            browser.signIn(Api.ADMIN_KEY).go("/console/#/overview");
            for (String check : List.of("database", "broker", "models", "storage")) {
                assertEquals("UP", browser.until(d -> {
                    String status = d.findElement(By.cssSelector(".check[data-check=" + check + "] .pill")).getText();
                    return status.equals("UP") ? status : null;
                }), check);
            }
            assertTrue(number(browser.text(By.cssSelector("[data-counter=jobs-completed] .value"))) >= 1);
            assertTrue(number(browser.text(By.cssSelector("[data-counter=visage_image_jobs_accepted_total] .value"))) >= 1,
                    "a counter from /metrics");
            WebElement chart = browser.find(By.cssSelector("#throughput .chart"));
            assertTrue(Integer.parseInt(chart.getAttribute("data-completed")) >= 1, "the completed job is on the chart");
            assertFalse(chart.findElements(By.cssSelector("rect.bar-completed")).isEmpty(), "a bar is drawn");
            browser.find(By.cssSelector("#queue-depths tr[data-queue='visage.images']"));
            browser.find(By.cssSelector("#queue-depths tr[data-queue='visage.DLQ']"));
            browser.screenshot("overview");
        }
    }

    @Test
    void queuesPageListsEveryVisageQueueFromArtemisManagement() {
        JsonObject images = queue("visage.images");
        assertTrue(images.getInt("consumers") >= 1, "the image listener consumes: " + images);

        try (Browser browser = Browser.open()) {
            browser.signIn(Api.ADMIN_KEY).go("/console/#/queues");
            for (String q : List.of("visage.images", "visage.ingest", "visage.batch", "visage.recognition.requests",
                    "visage.DLQ", "visage.expiry")) {
                browser.find(By.cssSelector("#queues tr[data-queue='" + q + "']"));
            }
            long consumers = number(browser.text(By.cssSelector("#queues tr[data-queue='visage.images'] td[data-field=consumers]")));
            assertTrue(consumers >= 1, "consumers shown: " + consumers);
            // Rates appear from the second refresh on.
            browser.until(d -> !d.findElement(By.cssSelector("#queues tr[data-queue='visage.images'] td:last-child")).getText().equals("—"));
            browser.screenshot("queues");
        }
    }

    @Test
    void jobsPageFiltersByStatusShowsTheFailureReasonAndUpdatesLive() {
        String failedId = Api.admin().postFile("/api/v1/images", "file", "notes.txt", "text/plain",
                "not an image".getBytes(StandardCharsets.UTF_8)).json().getString("id");
        JsonObject failed = Waits.until(Duration.ofSeconds(60), () -> Api.admin().get("/api/v1/jobs/" + failedId).json(),
                j -> j.getString("status").equals("failed"), "the text upload to fail");

        try (Browser browser = Browser.open()) {
            browser.signIn(Api.ADMIN_KEY).go("/console/#/jobs");
            browser.find(By.cssSelector("#jobs tr[data-job='" + failedId + "']"));

            browser.click(By.cssSelector("#status-filter button[data-status=failed]"));
            browser.until(d -> d.findElements(By.cssSelector("#jobs tbody tr")).stream()
                    .allMatch(r -> "failed".equals(r.getAttribute("data-status"))) ? true : null);
            browser.click(By.cssSelector("#jobs tr[data-job='" + failedId + "']"));
            String reason = browser.text(By.id("job-failure"));
            assertEquals(failed.getString("failure_reason"), reason);

            browser.click(By.cssSelector("#status-filter button[data-status=all]"));
            // Live: a job submitted while the page is open shows up without a reload.
            Api.Reply later = Api.admin().postFile("/api/v1/images", "file", "img2.jpg", "image/jpeg", Photos.bytes("img2.jpg"));
            String laterId = later.json().getString("id");
            browser.find(By.cssSelector("#jobs tr[data-job='" + laterId + "']"));
            browser.until(d -> "completed".equals(d.findElement(By.cssSelector("#jobs tr[data-job='" + laterId + "']"))
                    .getAttribute("data-status")) ? true : null);
            browser.click(By.cssSelector("#jobs tr[data-job='" + failedId + "']"));
            browser.find(By.id("job-failure"));
            browser.screenshot("jobs");
        }
    }

    @Test
    void laterPagesSayTheyAreNotAvailableYet() {
        try (Browser browser = Browser.open()) {
            browser.signIn(Api.ADMIN_KEY);
            for (String page : List.of("stats", "people", "dedup")) {
                browser.go("/console/#/" + page);
                assertTrue(browser.text(By.cssSelector("[data-pending=" + page + "]")).contains("Not available yet"));
            }
            browser.screenshot("stats");
        }
    }

    // ------------------------------------------------------------------ dead letters

    @Test
    void aPoisonMessageShowsOnTheDeadLetterPageAndRetrySendsItBack() throws Exception {
        String poison = UUID.randomUUID().toString();
        String batch = UUID.randomUUID().toString();
        sendTagged("visage.images", "{\"job_id\": \"" + poison + "\"", Map.of());   // truncated JSON
        // A dead letter parked for visage.batch whose body the batch worker cannot use (no item_id):
        // retried, it reaches visage.batch and comes back parked with the worker's own reason.
        sendTagged("visage.DLQ", "{\"batch_id\":\"" + batch + "\",\"items\":[{\"url\":\"http://example.test/a.jpg\"}]}",
                Map.of("visage_original_queue", "visage.batch", "visage_failure_reason", "batch item failed: " + batch,
                        "visage_delivery_attempts", 5, "visage_failed_at", Instant.now().toString()));
        JsonObject poisoned = awaitDeadLetter(poison);
        assertTrue(poisoned.getString("failure_reason").startsWith("malformed JSON"), poisoned::toString);
        assertEquals("visage.images", poisoned.getString("original_queue"));

        try (Browser browser = Browser.open()) {
            browser.signIn(Api.ADMIN_KEY).go("/console/#/dead-letters");
            By poisonCard = card(poisoned.getJsonNumber("id").longValue());
            String text = browser.text(poisonCard);
            assertTrue(text.contains("malformed JSON"), text);
            assertTrue(text.contains("visage.images"), text);
            assertTrue(text.contains(poison), "the body is shown: " + text);
            long batchId = awaitDeadLetter(batch).getJsonNumber("id").longValue();
            WebElement body = browser.find(By.cssSelector("article.dead-letter[data-id='" + batchId + "'] pre.body"));
            assertEquals("yes", body.getAttribute("data-json"));
            assertTrue(body.getText().contains("\n") && body.getText().contains("\"batch_id\": \"" + batch + "\""),
                    "pretty-printed JSON: " + body.getText());
            browser.click(By.cssSelector("article.dead-letter[data-id='" + batchId + "'] details summary"));
            String properties = browser.text(By.cssSelector("article.dead-letter[data-id='" + batchId + "'] .kv"));
            assertTrue(properties.contains("visage_failure_reason"), properties);
            browser.screenshot("dead-letters");

            // Retry one: the message really goes back to its original queue, and the counters move.
            long batchAdded = queue("visage.batch").getJsonNumber("messages_added").longValue();
            browser.click(By.cssSelector("article.dead-letter[data-id='" + batchId + "'] button[data-action=retry]"));
            browser.textContaining(By.id("flash"), "1 to visage.batch");
            browser.until(d -> d.findElements(card(batchId)).isEmpty() ? true : null);
            assertEquals(batchAdded + 1, queue("visage.batch").getJsonNumber("messages_added").longValue());
            JsonObject back = Waits.until(Duration.ofSeconds(30), () -> deadLetter(batch),
                    d -> d.isPresent() && d.get().getJsonNumber("id").longValue() != batchId,
                    "the batch worker to park the retried message again").orElseThrow();
            assertEquals("missing required field: item_id", back.getString("failure_reason"), back::toString);
            assertEquals("visage.batch", back.getString("original_queue"));

            // Retry the poison: it goes back to visage.images, where the worker dead-letters it again,
            // now remembering when it first failed.
            long imagesAdded = queue("visage.images").getJsonNumber("messages_added").longValue();
            browser.click(By.cssSelector(cssOf(poisonCard) + " button[data-action=retry]"));
            browser.textContaining(By.id("flash"), "1 to visage.images");
            Waits.until(Duration.ofSeconds(30), () -> queue("visage.images").getJsonNumber("messages_added").longValue(),
                    n -> n > imagesAdded, "visage.images to receive the retried message");
            JsonObject again = Waits.until(Duration.ofSeconds(30), () -> deadLetter(poison),
                    d -> d.isPresent() && d.get().getJsonNumber("id").longValue() != poisoned.getJsonNumber("id").longValue(),
                    "the poison to be dead-lettered again").orElseThrow();
            assertEquals(poisoned.getString("first_failed_at"), again.getString("first_failed_at"), again::toString);

            // Export holds it; delete removes it.
            Reply export = http("GET", "/console/api/dead-letters/export", basic("admin", Api.ADMIN_KEY));
            assertEquals(200, export.status());
            assertTrue(export.header("Content-Disposition").startsWith("attachment"), export::toString);
            JsonArray exported = Json.createReader(new StringReader(export.body())).readArray();
            assertTrue(exported.stream().anyMatch(d -> bodyOf(d).contains(poison)), "export contains the poison");

            long againId = again.getJsonNumber("id").longValue();
            browser.until(d -> d.findElements(card(againId)).isEmpty() ? null : true);
            browser.click(By.cssSelector(cssOf(card(againId)) + " button[data-action=delete]"));
            browser.click(By.cssSelector(cssOf(card(againId)) + " button[data-action=delete].confirming"));
            browser.until(d -> d.findElements(card(againId)).isEmpty() ? true : null);
            assertTrue(deadLetter(poison).isEmpty(), "deleted");
        }
    }

    @Test
    void retryAllSendsEveryDeadLetterBackToItsQueue() throws Exception {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        for (String marker : List.of(a, b)) {
            sendTagged("visage.DLQ", "{\"batch_id\":\"" + marker + "\"}", Map.of("visage_original_queue", "visage.batch",
                    "visage_failure_reason", "batch item failed", "visage_failed_at", Instant.now().toString()));
        }
        long idA = awaitDeadLetter(a).getJsonNumber("id").longValue();
        long idB = awaitDeadLetter(b).getJsonNumber("id").longValue();
        try (Browser browser = Browser.open()) {
            browser.signIn(Api.ADMIN_KEY).go("/console/#/dead-letters");
            browser.find(By.cssSelector("#dlq-total"));
            browser.click(By.id("retry-all"));
            browser.click(By.cssSelector("#retry-all.confirming"));
            browser.textContaining(By.id("flash"), "to visage.batch");
        }
        // Both reached visage.batch: its worker (they name no item) parked them again, as new dead letters.
        for (Map.Entry<String, Long> e : Map.of(a, idA, b, idB).entrySet()) {
            JsonObject back = Waits.until(Duration.ofSeconds(30), () -> deadLetter(e.getKey()),
                    d -> d.isPresent() && d.get().getJsonNumber("id").longValue() != e.getValue(),
                    e.getKey() + " to go back to visage.batch and be parked by its worker").orElseThrow();
            assertEquals("missing required field: item_id", back.getString("failure_reason"), back::toString);
            assertEquals("visage.batch", back.getString("original_queue"));
        }
    }

    // ------------------------------------------------------------------ helpers

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
