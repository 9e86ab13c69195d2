package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.shared.storage.S3ObjectStore;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A digest of an S3 prefix (subfolders included) through the S3 adapter, against a real
 * S3-compatible server: S3Proxy, started here on the endpoint ./visage test gives the server
 * (VISAGE_S3_ENDPOINT; the object store itself stays local).
 */
@ResourceLock(value = SuiteLocks.BATCH_CONSUMER, mode = ResourceAccessMode.READ)
class S3DigestIT {

    static Process proxy;
    static Path dir;
    static S3ObjectStore s3;

    @BeforeAll
    static void startS3() throws Exception {
        URI endpoint = URI.create(System.getenv("VISAGE_S3_ENDPOINT"));
        Path jar = Path.of(System.getProperty("visage.root", ".")).resolve("visage-it/target/s3proxy/s3proxy.jar");
        dir = Files.createTempDirectory("visage-s3digest-");
        Files.createDirectories(dir.resolve("blobs"));
        Path conf = dir.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n", "s3proxy.endpoint=" + endpoint, "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + System.getenv("VISAGE_S3_ACCESS_KEY"),
                "s3proxy.credential=" + System.getenv("VISAGE_S3_SECRET_KEY"), "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir.resolve("blobs"), ""));
        proxy = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", jar.toString(), "--properties", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        Waits.until(Duration.ofSeconds(60), () -> listening(endpoint), up -> up || !proxy.isAlive(), "S3Proxy to listen");
        assertTrue(proxy.isAlive(), () -> "S3Proxy did not start");
        s3 = new S3ObjectStore(new S3ObjectStore.Settings(endpoint.toString(), "us-east-1",
                System.getenv("VISAGE_S3_ACCESS_KEY"), System.getenv("VISAGE_S3_SECRET_KEY"), true));
    }

    @AfterAll
    static void stopS3() throws Exception {
        if (proxy != null) {
            proxy.destroy();
            if (!proxy.waitFor(10, TimeUnit.SECONDS)) {
                proxy.destroyForcibly();
            }
        }
        Batches.delete(dir);
    }

    static boolean listening(URI endpoint) {
        try (Socket s = new Socket(endpoint.getHost(), endpoint.getPort())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void anS3PrefixIsDigestedWithItsSubfolders() throws IOException {
        String tenant = "s3-" + UUID.randomUUID().toString().substring(0, 8);
        put("events/2026/a.jpg", Photos.bytes("img1.jpg"));
        put("events/2026/day2/b.jpg", Photos.bytes("img3.jpg"));
        put("events/2026/readme.txt", "not a photo".getBytes(StandardCharsets.UTF_8));
        put("events/2025/old.jpg", Photos.bytes("img5.jpg"));
        Api api = Api.admin().header("X-Tenant-ID", tenant);
        Api.Reply r = api.postJson("/digest", "{\"s3_bucket\":\"photos\",\"s3_prefix\":\"events/2026/\","
                + "\"group_id\":\"s3-event\",\"confidence\":0.6}");
        assertEquals(202, r.status(), r::toString);
        assertEquals("s3", r.json().getString("source_type"));
        assertEquals("s3://photos/events/2026/", r.json().getString("source"));
        JsonObject done = Batches.awaitStatus(api, "/get-digests/" + r.json().getString("job_id"), Duration.ofMinutes(5),
                "completed", "failed");
        assertEquals("completed", done.getString("status"), done::toString);
        assertEquals(2, done.getInt("total_images"), "the two photos under the prefix, subfolder included");
        assertEquals(0, done.getInt("failed_images"));
        assertEquals(done.getInt("faces_processed"), Db.count("SELECT count(*) FROM faces WHERE tenant_id = ?"
                + " AND group_id = 's3-event' AND image_path IN ('events/2026/a.jpg', 'events/2026/day2/b.jpg')"
                + " AND url LIKE 's3://photos/events/2026/%' AND det_score >= 0.6", tenant));
        assertTrue(done.getInt("faces_processed") >= 2, done::toString);
    }

    static void put(String key, byte[] bytes) throws IOException {
        s3.put("photos", key, new ByteArrayInputStream(bytes), "image/jpeg");
    }
}
