package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * ZIP batches: a ZIP with a zip-slip entry, a zip bomb and a text file among photos (each refused
 * or skipped with its reason, the photos processed into the projectId group), validation, an
 * upload that is no archive, image lists, and queue statistics.
 */
@ResourceLock(value = SuiteLocks.BATCH_CONSUMER, mode = ResourceAccessMode.READ)
@ResourceLock(SuiteLocks.DEAD_LETTER_QUEUE)
class ZipBatchIT {

    static final Duration JOB = Duration.ofMinutes(5);

    static Api as(String tenant) {
        return Api.admin().header("X-Tenant-ID", tenant);
    }

    static String newTenant() {
        return "zb-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aZipWithAZipSlipEntryABombAndATextFileProcessesTheRestAndSaysWhy() throws IOException {
        String tenant = newTenant();
        Path tmp = Files.createTempDirectory("zipbatch");
        List<Path> photos = Batches.variants(tmp, 3);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("event/day1/" + photos.get(0).getFileName(), Files.readAllBytes(photos.get(0)));
        entries.put("event/" + photos.get(1).getFileName(), Files.readAllBytes(photos.get(1)));
        entries.put("top.jpg", Files.readAllBytes(photos.get(2)));
        entries.put("../../etc/evil.jpg", Files.readAllBytes(photos.get(0)));
        entries.put("bomb.jpg", bomb(100_000_000));
        entries.put("readme.txt", "Photos of the event".getBytes(StandardCharsets.UTF_8));
        entries.put("empty-dir/", new byte[0]);
        byte[] zip = zip(entries);
        assertTrue(zip.length < 2_000_000, "the bomb compresses to almost nothing: " + zip.length);

        Api.Reply r = as(tenant).postMultipart("/api/batch/upload-zip", Map.of("projectId", "proj-123", "priority", "7"),
                "file", "photos.zip", "application/zip", zip);
        assertEquals(202, r.status(), r::toString);
        JsonObject up = r.json();
        assertTrue(up.getBoolean("success"));
        String batchId = up.getString("batchId");
        assertEquals(3, up.getInt("imageCount"), up::toString);
        assertEquals(3, up.getInt("queued"));
        assertEquals(3, up.getInt("skippedCount"));
        Map<String, String> skipped = up.getJsonArray("skipped").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(s -> s.getString("entry"), s -> s.getString("reason")));
        assertTrue(skipped.get("../../etc/evil.jpg").startsWith("zip-slip"), skipped::toString);
        assertTrue(skipped.get("bomb.jpg").startsWith("zip bomb"), skipped::toString);
        assertEquals("not an image: .txt file", skipped.get("readme.txt"));

        JsonObject status = Batches.awaitStatus(as(tenant), "/api/batch/status/" + batchId, JOB, "completed", "failed");
        JsonObject batch = status.getJsonObject("batch");
        assertEquals("completed", batch.getString("status"), status::toString);
        assertEquals("proj-123", batch.getString("projectId"));
        assertEquals(7, batch.getInt("priority"));
        assertEquals(3, batch.getJsonObject("progress").getInt("total"));
        assertEquals(3, batch.getJsonObject("progress").getInt("processed"));
        assertEquals(0, batch.getJsonObject("progress").getInt("failed"));
        assertEquals(100.0, batch.getJsonNumber("progressPercent").doubleValue());
        assertEquals(3, batch.getInt("skippedCount"));
        assertEquals(3, batch.getJsonArray("skipped").size(), "the status lists the skipped entries with reasons");
        assertTrue(batch.getInt("facesProcessed") >= 3, batch::toString);
        assertEquals(batch.getInt("facesProcessed"), Db.count("SELECT count(*) FROM faces WHERE tenant_id = ?"
                + " AND group_id = 'proj-123'", tenant), "faces in the projectId group");
        assertEquals(1, Db.count("SELECT count(DISTINCT image_path) FROM faces WHERE tenant_id = ? AND image_path = ?",
                tenant, "event/day1/" + photos.get(0).getFileName()), "faces carry their entry's path");
        // The archive is gone once extracted; its images are objects of their own.
        Path storage = Path.of(System.getenv("VISAGE_STORAGE_DIR"));
        assertFalse(Files.exists(storage.resolve("batch-uploads/" + tenant + "/" + batchId + ".zip")));
        try (Stream<Path> raw = Files.walk(storage.resolve("raw-images/" + tenant))) {
            assertEquals(3, raw.filter(Files::isRegularFile).count());
        }
        Batches.delete(tmp);
    }

    @Test
    void badUploadsAreRefusedWithTheFieldAtFault() throws IOException {
        Api api = as(newTenant());
        byte[] zip = zip(Map.of("a.jpg", Photos.bytes("img1.jpg")));
        Api.Reply noProject = api.postMultipart("/api/batch/upload-zip", Map.of(), "file", "a.zip", "application/zip", zip);
        assertEquals(422, noProject.status(), noProject::toString);
        assertEquals(Set.of("projectId"), DigestIT.fields(noProject));
        Api.Reply priority = api.postMultipart("/api/batch/upload-zip", Map.of("projectId", "p", "priority", "12"),
                "file", "a.zip", "application/zip", zip);
        assertEquals(Set.of("priority"), DigestIT.fields(priority));
        Api.Reply notANumber = api.postMultipart("/api/batch/upload-zip", Map.of("projectId", "p", "priority", "high"),
                "file", "a.zip", "application/zip", zip);
        assertEquals(Set.of("priority"), DigestIT.fields(notANumber));
        Api.Reply noFile = api.postMultipart("/api/batch/upload-zip", Map.of("projectId", "p"), "other", "x.bin",
                "application/octet-stream", new byte[10]);
        assertEquals(400, noFile.status());
        assertEquals(Set.of("file"), DigestIT.fields(noFile));
        Api.Reply notZip = api.postMultipart("/api/batch/upload-zip", Map.of("projectId", "p"), "file", "a.zip",
                "application/zip", "this is not a zip archive at all".repeat(10).getBytes(StandardCharsets.UTF_8));
        assertEquals(422, notZip.status(), notZip::toString);
        assertTrue(notZip.body().contains("not a readable ZIP archive"), notZip::toString);
        Api.Reply plain = api.postJson("/api/batch/upload-zip", "{}");
        assertEquals(415, plain.status());
        assertEquals(401, Api.server().postMultipart("/api/batch/upload-zip", Map.of("projectId", "p"), "file", "a.zip",
                "application/zip", zip).status());
        assertEquals(404, api.get("/api/batch/status/" + UUID.randomUUID()).status());
        // Refused uploads leave nothing behind.
        Path uploads = Path.of(System.getenv("VISAGE_STORAGE_DIR")).resolve("batch-uploads");
        if (Files.exists(uploads)) {
            try (Stream<Path> files = Files.walk(uploads)) {
                assertEquals(List.of(), files.filter(Files::isRegularFile).toList());
            }
        }
    }

    @Test
    void imageListsAndQueueStats() throws IOException {
        String tenant = newTenant();
        Path storage = Path.of(System.getenv("VISAGE_STORAGE_DIR"));
        Path object = storage.resolve("raw-images/" + tenant + "/listed/one.jpg");
        Files.createDirectories(object.getParent());
        Files.write(object, Photos.bytes("img2.jpg"));
        String body = "{\"projectId\":\"listed\",\"priority\":5,\"images\":[{\"bucket\":\"raw-images\",\"key\":\"" + tenant
                + "/listed/one.jpg\"},{\"bucket\":\"raw-images\",\"key\":\"" + tenant + "/listed/missing.jpg\"}]}";
        Api.Reply r = as(tenant).postJson("/api/batch/add-images", body);
        assertEquals(202, r.status(), r::toString);
        assertEquals(2, r.json().getInt("imageCount"));
        String batchId = r.json().getString("batchId");
        JsonObject batch = Batches.awaitStatus(as(tenant), "/api/batch/status/" + batchId, JOB, "completed", "failed")
                .getJsonObject("batch");
        assertEquals("completed", batch.getString("status"), batch::toString);
        assertEquals(2, batch.getJsonObject("progress").getInt("processed"));
        assertEquals(1, batch.getJsonObject("progress").getInt("failed"));
        assertTrue(batch.getJsonArray("failures").getJsonObject(0).getString("reason").startsWith("object not found"),
                batch::toString);

        Api.Reply foreign = as(tenant).postJson("/api/batch/add-images",
                "{\"projectId\":\"x\",\"images\":[{\"bucket\":\"raw-images\",\"key\":\"someone-else/a.jpg\"},{\"url\":\"ftp://x/y.jpg\"}]}");
        assertEquals(422, foreign.status());
        assertEquals(Set.of("images[0].key", "images[1].url"), DigestIT.fields(foreign));
        assertEquals(Set.of("images"), DigestIT.fields(as(tenant).postJson("/api/batch/add-images",
                "{\"projectId\":\"x\",\"images\":[]}")));

        JsonObject stats = as(tenant).get("/api/batch/queue-stats").json();
        assertTrue(stats.getBoolean("success"));
        JsonObject queue = stats.getJsonObject("stats").getJsonObject("visage.batch");
        assertEquals(1, queue.getInt("completed"), stats::toString);
        assertEquals(1, queue.getInt("failed"));
        assertEquals(0, queue.getInt("waiting"));
        JsonObject global = Api.admin().get("/api/batch/queue-stats").json().getJsonObject("stats").getJsonObject("visage.batch");
        assertTrue(global.getInt("completed") >= 1, "admin keys see every tenant: " + global);
    }

    @Test
    void transientFailuresAreRetriedWithBackOffThenParkedOnTheDeadLetterQueue() throws Exception {
        String tenant = newTenant();
        byte[] photo = Photos.bytes("img3.jpg");
        java.util.concurrent.atomic.AtomicInteger down = new java.util.concurrent.atomic.AtomicInteger();
        List<Long> downAt = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger flaky = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer images = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        images.createContext("/down.jpg", exchange -> {
            down.incrementAndGet();
            downAt.add(System.nanoTime());
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        images.createContext("/flaky.jpg", exchange -> {
            if (flaky.incrementAndGet() == 1) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                exchange.sendResponseHeaders(200, photo.length);
                exchange.getResponseBody().write(photo);
            }
            exchange.close();
        });
        images.start();
        try {
            String base = "http://127.0.0.1:" + images.getAddress().getPort();
            Api.Reply r = as(tenant).postJson("/api/batch/add-images", "{\"projectId\":\"retry\",\"images\":[{\"url\":\""
                    + base + "/down.jpg\"},{\"url\":\"" + base + "/flaky.jpg\"}]}");
            assertEquals(202, r.status(), r::toString);
            String batchId = r.json().getString("batchId");
            JsonObject batch = Batches.awaitStatus(as(tenant), "/api/batch/status/" + batchId, JOB, "completed", "failed")
                    .getJsonObject("batch");
            assertEquals(2, batch.getJsonObject("progress").getInt("processed"), batch::toString);
            assertEquals(1, batch.getJsonObject("progress").getInt("failed"));
            String reason = batch.getJsonArray("failures").getJsonObject(0).getString("reason");
            assertTrue(reason.startsWith("gave up after 3 attempts: reading " + base + "/down.jpg failed: HTTP 503"), reason);
            // The worker counts the broker's deliveries; on a very loaded machine a prefetched delivery can be
            // handed back unprocessed, so the image server may see one request fewer than the count.
            assertTrue(down.get() >= 2 && down.get() <= 3, "three attempts, then the dead-letter queue: " + down.get());
            // Back-off (tests run with a 200 ms first delay that doubles): each wait is at least the delay.
            long firstWaitMs = (downAt.get(1) - downAt.get(0)) / 1_000_000;
            assertTrue(firstWaitMs >= 190, "redelivered after the back-off, not at once: " + firstWaitMs + " ms");
            if (downAt.size() == 3) {
                long secondWaitMs = (downAt.get(2) - downAt.get(1)) / 1_000_000;
                assertTrue(secondWaitMs >= 380, "the back-off doubles: " + secondWaitMs + " ms");
            }
            assertEquals(2, flaky.get(), "a transient failure is retried, and the retry succeeds");
            jakarta.jms.Message dead = Broker.receive("visage.DLQ", "visage_original_queue = 'visage.batch'"
                    + " AND visage_failure_reason LIKE 'gave up after 3 attempts: reading " + base + "/down.jpg failed: HTTP 503%'",
                    Duration.ofSeconds(30));
            assertTrue(dead != null, "the message was parked with its reason");
            assertEquals(3, dead.getIntProperty("visage_delivery_attempts"));
        } finally {
            images.stop(0);
        }
        // A malformed message is parked at once; one for an unknown image is acknowledged and changes nothing.
        Broker.sendText("visage.batch", "{not json");
        assertTrue(Broker.receive("visage.DLQ", "visage_original_queue = 'visage.batch' AND visage_failure_reason LIKE"
                + " 'malformed JSON%'", Duration.ofSeconds(30)) != null);
        Broker.sendText("visage.batch", "{\"item_id\":\"" + UUID.randomUUID() + "\"}");
    }

    /** A JPEG start followed by zeros: a few hundred kilobytes that expand to {@code size} bytes. */
    static byte[] bomb(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1});
        return java.util.Arrays.copyOf(out.toByteArray(), size);
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
