package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The batch harness behind docs/BENCHMARKS.md (Batch). Not an *IT class, so the suite skips it:
 * <pre>
 * ./visage test -Dit.test=BatchBench -Dvisage.bench=true -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * <ul>
 *   <li>{@code digestThroughput}: the 64 deepface photos (read in place) digested with threads 1, 2 and 4;
 *       photos/s from the job's own start and end times; the server's heap sampled for its high-water mark.</li>
 *   <li>{@code twoGigabyteZipWithHalfAGigabyteHeap}: a 2 GiB ZIP generated here (target/bench, not committed:
 *       600 photo variants, 10 photos padded to 45 MB, and 100 MB video files that are skipped) uploaded to the
 *       second instance started with {@code -Xmx512m} (the first instance's batch consumer paused): it must
 *       extract and digest it without running out of heap (jvm.options exits on OutOfMemoryError).</li>
 * </ul>
 * Writes target/batch-bench.txt; asserts no timing.
 */
class BatchBench {

    static final long TWO_GIB = 2L * 1024 * 1024 * 1024;
    static final Path REPORT = Path.of("target/batch-bench.txt");

    @Test
    void digestThroughput() throws Exception {
        assumeTrue(Boolean.getBoolean("visage.bench"), "benchmarks run with -Dvisage.bench=true");
        String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        Api api = Api.admin().header("X-Tenant-ID", tenant);
        Path warm = Batches.newFolder("warmup");
        Batches.variants(warm, 8);
        run(api, warm.toString(), "warmup", 4);
        Batches.delete(warm);
        StringBuilder report = new StringBuilder();
        try (HeapSampler heap = new HeapSampler(Api.server())) {
            report.append(String.format("digest of %s (%d photos), max heap %d MiB%n", Photos.dir(),
                    Batches.photos().size(), heap.maxBytes() >> 20));
            for (int threads : new int[] {1, 2, 4}) {
                long before = heap.peakBytes();
                JsonObject job = run(api, Photos.dir().toString(), "t" + threads, threads);
                double seconds = Duration.between(Instant.parse(job.getString("start_time")),
                        Instant.parse(job.getString("end_time"))).toMillis() / 1000.0;
                report.append(String.format("threads %d: %d photos in %.1f s = %.2f photos/s, faces %d, failed %d,"
                                + " heap high-water %d MiB (sampled, before GC)%n", threads, job.getInt("total_images"),
                        seconds, job.getInt("total_images") / seconds, job.getInt("faces_processed"),
                        job.getInt("failed_images"), Math.max(before, heap.peakBytes()) >> 20));
            }
        }
        write(report.toString());
    }

    @Test
    void twoGigabyteZipWithHalfAGigabyteHeap() throws Exception {
        assumeTrue(Boolean.getBoolean("visage.bench"), "benchmarks run with -Dvisage.bench=true");
        Path zip = Path.of("target/bench/batch-2g.zip");
        if (!Files.exists(zip) || Files.size(zip) < TWO_GIB) {
            generate(zip);
        }
        String tenant = "zip2g-" + UUID.randomUUID().toString().substring(0, 8);
        BatchDurabilityIT.LibertyServers.run(BatchDurabilityIT.LibertyServers.first(), "pause",
                "--target=" + BatchDurabilityIT.MDB);
        SecondInstance second = null;
        try {
            second = SecondInstance.start(Map.of("JVM_ARGS", "-Xmx512m -XX:TieredStopAtLevel=1"));
            try (HeapSampler heap = new HeapSampler(second.api())) {
                long max = heap.maxBytes();
                assertTrue(max <= 512L * 1024 * 1024, "the second instance runs with a 512 MiB heap: " + max);
                long begin = System.nanoTime();
                JsonObject up = upload(zip, second.api().base(), tenant);
                double uploadSeconds = (System.nanoTime() - begin) / 1e9;
                String batchId = up.getString("batchId");
                Api two = second.api().header("X-API-Key", Api.ADMIN_KEY).header("X-Tenant-ID", tenant);
                JsonObject batch = Batches.awaitStatus(two, "/api/batch/status/" + batchId, Duration.ofMinutes(60),
                        "completed", "failed").getJsonObject("batch");
                assertEquals("completed", batch.getString("status"), batch::toString);
                double seconds = Duration.between(Instant.parse(batch.getString("startedAt")),
                        Instant.parse(batch.getString("finishedAt"))).toMillis() / 1000.0;
                String line = String.format("2 GiB ZIP (%d bytes), heap max %d MiB: upload + extraction %.1f s"
                                + " (%d images queued, %d entries skipped), digest %.1f s = %.2f images/s, faces %d,"
                                + " failed %d, heap high-water %d MiB (sampled, before GC)%n", Files.size(zip), max >> 20,
                        uploadSeconds, up.getInt("imageCount"), up.getJsonNumber("skippedCount").longValue(), seconds,
                        batch.getJsonObject("progress").getInt("total") / seconds, batch.getInt("facesProcessed"),
                        batch.getJsonObject("progress").getInt("failed"), heap.peakBytes() >> 20);
                write(line);
                assertEquals(200, second.api().get("/health/ready").status(), "still alive: no OutOfMemoryError");
            }
        } finally {
            if (second != null) {
                second.close();
            }
            BatchDurabilityIT.LibertyServers.run(BatchDurabilityIT.LibertyServers.first(), "resume",
                    "--target=" + BatchDurabilityIT.MDB);
        }
    }

    static JsonObject run(Api api, String dir, String group, int threads) {
        Api.Reply r = api.postJson("/digest", "{\"local_dir_path\":\"" + dir + "\",\"group_id\":\"" + group + "-"
                + UUID.randomUUID() + "\",\"threads\":" + threads + "}");
        assertEquals(202, r.status(), r::toString);
        return Batches.awaitStatus(api, "/get-digests/" + r.json().getString("job_id"), Duration.ofMinutes(30),
                "completed", "failed");
    }

    /** Streams a multipart upload of the file (chunked; nothing held in memory). */
    static JsonObject upload(Path zip, String base, String tenant) throws IOException, InterruptedException {
        String boundary = "visage-bench-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"projectId\"\r\n\r\nzip2g\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"batch-2g.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/batch/upload-zip"))
                .header("X-API-Key", Api.ADMIN_KEY).header("X-Tenant-ID", tenant)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(60))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(head),
                                Files.newInputStream(zip), new ByteArrayInputStream(tail))));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })).build();
        // HTTP/1.1, as curl uploads: an h2c upgrade offer on a streamed body stalls the exchange.
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    /** 600 photo variants, 10 photos padded to 45 MB (stored), then 100 MB .mp4 files until 2 GiB. */
    static void generate(Path zip) throws IOException {
        Files.createDirectories(zip.getParent());
        Path photos = Files.createTempDirectory("bench-photos");
        List<Path> variants = Batches.variants(photos, 600);
        Path tmp = zip.resolveSibling(zip.getFileName() + ".part");
        long written = 0;
        try (OutputStream file = Files.newOutputStream(tmp); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Path v : variants) {
                byte[] bytes = Files.readAllBytes(v);
                out.putNextEntry(new ZipEntry("photos/" + photos.relativize(v)));
                out.write(bytes);
                out.closeEntry();
                written += bytes.length;
            }
            for (int i = 0; i < 10; i++) {
                byte[] photo = Files.readAllBytes(variants.get(i));
                written += stored(out, "large/padded-" + i + ".jpg", photo, 45L << 20, i);
            }
            for (int i = 0; written < TWO_GIB + (64L << 20); i++) {
                written += stored(out, "video/clip-" + i + ".mp4", new byte[0], 100L << 20, 1000 + i);
            }
        }
        Files.move(tmp, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Batches.delete(photos);
    }

    /** A STORED entry: {@code prefix} then pseudo-random bytes up to {@code size} (CRC computed first). */
    private static long stored(ZipOutputStream out, String name, byte[] prefix, long size, long seed) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(prefix);
        fill(size - prefix.length, seed, crc::update);
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc.getValue());
        out.putNextEntry(e);
        out.write(prefix);
        fill(size - prefix.length, seed, (b, off, len) -> out.write(b, off, len));
        out.closeEntry();
        return size;
    }

    interface Chunk {
        void accept(byte[] b, int off, int len) throws IOException;
    }

    private static void fill(long n, long seed, Chunk sink) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] block = new byte[1 << 20];
        for (long left = n; left > 0; left -= block.length) {
            random.nextBytes(block);
            sink.accept(block, 0, (int) Math.min(block.length, left));
        }
    }

    private static void write(String text) throws IOException {
        System.out.print("[batch-bench] " + text);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }
}
