package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Live progress and completion: a Server-Sent Events stream per job, the HMAC-signed
 * completion webhook retried after a failure, and JMS priority: a high-priority batch
 * overtakes a low-priority one that was queued first.
 */
@ResourceLock(value = SuiteLocks.BATCH_CONSUMER, mode = ResourceAccessMode.READ)
class BatchProgressIT {

    static final Duration JOB = Duration.ofMinutes(6);

    static Api as(String tenant) {
        return Api.admin().header("X-Tenant-ID", tenant);
    }

    static String newTenant() {
        return "bp-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** One Server-Sent Event. */
    record Event(String name, String id, String data) {
    }

    @Test
    void aDigestStreamsItsProgressThenItsEnd() throws Exception {
        String tenant = newTenant();
        Path dir = Batches.newFolder("sse");
        try {
            Batches.variants(dir, 8);
            String jobId = as(tenant).postJson("/digest", "{\"local_dir_path\":\"" + dir + "\",\"group_id\":\"sse\","
                    + "\"threads\":1}").json().getString("job_id");
            List<Event> events = stream("/get-digests/" + jobId + "/events", tenant);
            assertTrue(events.size() >= 3, "progress while it runs, then its end: " + events);
            assertEquals("completed", events.get(events.size() - 1).name(), events::toString);
            List<Integer> processed = new ArrayList<>();
            for (Event e : events) {
                JsonObject o = Json.createReader(new java.io.StringReader(e.data())).readObject();
                assertEquals(jobId, o.getString("job_id"));
                if (e.name().equals("progress")) {
                    processed.add(o.getInt("processed_images"));
                }
            }
            assertTrue(processed.size() >= 2, "more than one progress event: " + events);
            for (int i = 1; i < processed.size(); i++) {
                assertTrue(processed.get(i) >= processed.get(i - 1), "progress only moves forward: " + processed);
            }
            assertEquals(8, processed.get(processed.size() - 1));
            assertEquals(404, as(tenant).get("/get-digests/digest-" + UUID.randomUUID() + "/events").status());
            // An ended job streams its state once and closes.
            List<Event> again = stream("/get-digests/" + jobId + "/events", tenant);
            assertEquals(List.of("progress", "completed"), again.stream().map(Event::name).toList());
        } finally {
            Batches.delete(dir);
        }
    }

    @Test
    void theCompletionWebhookIsSignedAndRetried() throws Exception {
        String tenant = newTenant();
        String secret = "whsec-" + UUID.randomUUID();
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> signatures = new CopyOnWriteArrayList<>();
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            signatures.add(exchange.getRequestHeaders().getFirst("X-Visage-Signature"));
            events.add(exchange.getRequestHeaders().getFirst("X-Visage-Event"));
            // The first delivery fails: the webhook must be retried.
            int status = calls.incrementAndGet() == 1 ? 503 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        Path dir = Batches.newFolder("hook");
        try {
            Batches.variants(dir, 2);
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            Api.Reply r = as(tenant).postJson("/digest", "{\"local_dir_path\":\"" + dir + "\",\"group_id\":\"hook\","
                    + "\"webhook_url\":\"" + url + "\",\"webhook_secret\":\"" + secret + "\"}");
            assertEquals(202, r.status(), r::toString);
            String jobId = r.json().getString("job_id");
            Waits.until(JOB, calls::get, n -> n >= 2, "the webhook to be delivered on its second attempt");
            assertEquals(bodies.get(0), bodies.get(1), "a retry sends the same body");
            for (int i = 0; i < 2; i++) {
                assertEquals("sha256=" + hmac(secret, bodies.get(i)), signatures.get(i), "HMAC-SHA256 of the body");
                assertEquals("batch.completed", events.get(i));
            }
            JsonObject body = Json.createReader(new java.io.StringReader(bodies.get(0))).readObject();
            assertEquals(jobId, body.getString("job_id"));
            assertEquals("completed", body.getString("status"));
            assertEquals(2, body.getInt("processed_images"));
            UUID id = UUID.fromString(jobId.substring("digest-".length()));
            Waits.until(Duration.ofSeconds(30), () -> Db.count("SELECT count(*) FROM batch_webhooks WHERE job_id = ?"
                    + " AND delivered_at IS NOT NULL AND attempts = 2", id), n -> n == 1, "the delivery recorded");
            assertEquals(2, calls.get(), "delivered once it succeeded: no further calls");

            Api.Reply refused = as(tenant).postJson("/digest", "{\"local_dir_path\":\"" + dir + "\",\"group_id\":\"h\","
                    + "\"webhook_url\":\"" + url + "\",\"webhook_secret\":\"short\"}");
            assertEquals(DigestIT.fields(refused), java.util.Set.of("webhook_secret"), refused::toString);
            Api.Reply scheme = as(tenant).postJson("/digest", "{\"local_dir_path\":\"" + dir + "\",\"group_id\":\"h\","
                    + "\"webhook_url\":\"file:///etc/passwd\",\"webhook_secret\":\"" + secret + "\"}");
            assertEquals(DigestIT.fields(scheme), java.util.Set.of("webhook_url"), scheme::toString);
        } finally {
            receiver.stop(0);
            Batches.delete(dir);
        }
    }

    @Test
    void aHighPriorityBatchOvertakesALowPriorityOneQueuedBefore() {
        String tenant = newTenant();
        Path low = Batches.newFolder("low");
        Path high = Batches.newFolder("high");
        try {
            Batches.variants(low, 24);
            Batches.variants(high, 4);
            String lowId = as(tenant).postJson("/digest", "{\"local_dir_path\":\"" + low + "\",\"group_id\":\"low\","
                    + "\"priority\":0}").json().getString("job_id");
            Waits.until(JOB, () -> as(tenant).get("/get-digests/" + lowId).json(),
                    j -> j.getInt("total_images") == 24 && j.getInt("processed_images") >= 1, "the low batch to be running");
            String highId = as(tenant).postJson("/digest", "{\"local_dir_path\":\"" + high + "\",\"group_id\":\"high\","
                    + "\"priority\":9}").json().getString("job_id");
            JsonObject h = Batches.awaitStatus(as(tenant), "/get-digests/" + highId, JOB, "completed", "failed");
            JsonObject atThatTime = as(tenant).get("/get-digests/" + lowId).json();
            assertFalse(atThatTime.getString("status").equals("completed"),
                    "the high-priority batch finished first: " + atThatTime);
            assertTrue(atThatTime.getInt("processed_images") < 24, atThatTime::toString);
            JsonObject l = Batches.awaitStatus(as(tenant), "/get-digests/" + lowId, JOB, "completed", "failed");
            assertTrue(Instant.parse(h.getString("end_time")).isBefore(Instant.parse(l.getString("end_time"))));
            assertNotNull(l.getString("start_time"));
        } finally {
            Batches.delete(low);
            Batches.delete(high);
        }
    }

    /** Reads the stream until the server closes it. */
    static List<Event> stream(String path, String tenant) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + System.getProperty("visage.test.http.port", "9081") + path))
                .header("X-API-Key", Api.ADMIN_KEY).header("X-Tenant-ID", tenant).header("Accept", "text/event-stream")
                .timeout(JOB).GET().build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<Event> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String name = "message";
            String id = null;
            StringBuilder data = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, id, data.toString()));
                    }
                    name = "message";
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        }
        return events;
    }

    static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
