package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Crawlers in scripting languages publish the runbook's message with Debian's own clients:
 * python3-stomp on the STOMP port (a bytes message: stomp.py sends content-length) and
 * python3-qpid-proton over AMQP 1.0 (a text message). Each photo is processed once.
 */
class MessagingClientsIT {

    /** Debian's interpreter, which sees the python3-* packages (a pyenv python3 on PATH does not). */
    static final String PYTHON = "/usr/bin/python3";

    @Test
    void stompFromPython3StompIsProcessed() throws Exception {
        publishedPhotoIsProcessed("stomp", "VISAGE_BROKER_STOMP_PORT", "img3.jpg");
    }

    @Test
    void amqpFromPython3QpidProtonIsProcessed() throws Exception {
        publishedPhotoIsProcessed("amqp", "VISAGE_BROKER_PORT", "img4.jpg");
    }

    static void publishedPhotoIsProcessed(String client, String portVariable, String photo) throws Exception {
        String tenant = client + "-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] bytes = Photos.bytes(photo);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        String key = tenant + "/crawler/" + sha;
        // The crawler's side of the runbook: the photo is in the object store, the message names it.
        Path object = Path.of(System.getenv("VISAGE_STORAGE_DIR"), "raw-images", key);
        Files.createDirectories(object.getParent());
        Files.write(object, bytes);
        String message = "{\"image_sha256\":\"" + sha + "\",\"bucket\":\"raw-images\",\"key\":\"" + key
                + "\",\"tenant_id\":\"" + tenant + "\",\"site\":\"" + client + "-crawler\",\"url\":\"https://example.com/"
                + photo + "\",\"image_phash\":\"8f373c9c3c9c3c1e\",\"face_hints\":null}";

        publish(client, System.getenv(portVariable), message);

        Api api = Api.admin().header("X-Tenant-ID", tenant);
        JsonObject counters = Waits.until(Duration.ofMinutes(2), () -> api.get("/api/v1/stats").json().getJsonObject("counters"),
                c -> c.getJsonNumber("worker_msgs_acked").longValue() + c.getJsonNumber("worker_msgs_dlq").longValue() >= 1,
                "the " + client + " message processed");
        assertEquals(1, counters.getJsonNumber("worker_msgs_acked").longValue(), counters::toString);
        assertEquals(0, counters.getJsonNumber("worker_msgs_dlq").longValue(), counters::toString);
        assertEquals(1, counters.getJsonNumber("images_total").longValue(), counters::toString);
        assertEquals(1, Db.count("SELECT count(*) FROM ingested_images WHERE tenant_id = ? AND image_sha256 = ?",
                tenant, sha), "one image row for the published photo");
    }

    static void publish(String client, String port, String message) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("visage.root", "."), "visage-it/src/test/resources/clients/publish_" + client + ".py");
        Process p = new ProcessBuilder(PYTHON, script.toString(), "127.0.0.1", port,
                System.getenv().getOrDefault("VISAGE_BROKER_USER", "visage"),
                System.getenv().getOrDefault("VISAGE_BROKER_PASSWORD", "visage"), "visage.ingest")
                .redirectErrorStream(true).start();
        p.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(client + " publisher did not finish within 60 s");
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), client + " publisher failed: " + output);
    }
}
