package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 13 item 3, damaged images: a real photo cut at 60 % (a failed download) is processed on
 * every path with the same {@code truncated: ...} warning (analyze response, image job, the
 * ingest metadata JSON, a digest's detail); a truncated PNG is refused with a reason that says so.
 */
@ResourceLock(value = SuiteLocks.BATCH_CONSUMER, mode = ResourceAccessMode.READ)
class DamagedImageIT {

    static final String TRUNCATED = "truncated: premature end of JPEG file";

    static byte[] cut(byte[] whole) {
        return Arrays.copyOf(whole, whole.length * 6 / 10);
    }

    static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    static Api tenant(String tenant) {
        return Api.admin().header("X-Tenant-ID", tenant);
    }

    @Test
    void aTruncatedJpegIsAnalysedWithATruncatedWarning() {
        Api.Reply reply = Api.admin().postFile("/api/v1/faces/analyze", "file", "cut.jpg", "image/jpeg",
                cut(Photos.bytes("couple.jpg")));
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(2280, reply.json().getJsonObject("image").getInt("width"), "the whole picture, grey where cut");
        assertEquals(List.of(TRUNCATED), strings(reply.json().getJsonArray("warnings")), reply::toString);

        Api.Reply sound = Api.admin().postFile("/api/v1/faces/analyze", "file", "couple.jpg", "image/jpeg",
                Photos.bytes("couple.jpg"));
        assertEquals(List.of(), strings(sound.json().getJsonArray("warnings")), "a sound photo has none");
    }

    @Test
    void aTruncatedPngIsRefusedAsTruncated() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(ImageIO.read(Photos.dir().resolve("img2.jpg").toFile()), "png", png);
        Api.Reply reply = Api.admin().postFile("/api/v1/faces/analyze", "file", "cut.png", "image/png",
                cut(png.toByteArray()));
        assertEquals(400, reply.status(), reply::toString);
        assertTrue(reply.body().contains("not an image: truncated"), reply::toString);
    }

    @Test
    void aTruncatedJpegImageJobCompletesWithTheWarning() {
        Api.Reply reply = Api.admin().postFile("/api/v1/images", "file", "cut.jpg", "image/jpeg",
                cut(Photos.bytes("img2.jpg")));
        assertEquals(202, reply.status(), reply::toString);
        JsonObject job = ImageJobIT.awaitFinal(Api.admin(), reply.location());
        assertEquals("completed", job.getString("status"), job::toString);
        assertEquals(List.of(TRUNCATED), strings(job.getJsonObject("image").getJsonArray("warnings")), job::toString);
    }

    @Test
    void aTruncatedJpegThroughTheQueueCarriesTheWarningInItsMetadata() throws IOException {
        String tenant = "damaged-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply r = tenant(tenant).postMultipart("/api/v1/ingest", Map.of("group_id", "damaged"), "file", "cut.jpg",
                "image/jpeg", cut(Photos.bytes("couple.jpg")));
        assertEquals(202, r.status(), r::toString);
        JsonObject stats = IngestPipelineIT.awaitDone(tenant, 1, Duration.ofMinutes(2));
        assertEquals(1, IngestPipelineIT.n(stats.getJsonObject("counters"), "worker_msgs_acked"), stats::toString);
        List<String> keys = Db.strings("SELECT metadata_key FROM ingested_images WHERE tenant_id = ?", tenant);
        assertEquals(1, keys.size());
        Path metadata = Path.of(System.getenv("VISAGE_STORAGE_DIR"), "face-metadata", keys.get(0));
        JsonObject json = Json.createReader(new StringReader(Files.readString(metadata))).readObject();
        assertEquals(List.of(TRUNCATED), strings(json.getJsonArray("warnings")), json::toString);
    }

    @Test
    void aTruncatedJpegInADigestIsDoneWithTheWarningInTheDetail() throws IOException {
        String tenant = "damaged-" + UUID.randomUUID().toString().substring(0, 8);
        Path dir = Batches.newFolder("damaged");
        try {
            Files.write(dir.resolve("cut.jpg"), cut(Photos.bytes("couple.jpg")));
            Files.copy(Photos.dir().resolve("img1.jpg"), dir.resolve("whole.jpg"));
            Api.Reply accepted = tenant(tenant).postJson("/digest", DigestIT.body(dir.toString(), "damaged"));
            assertEquals(202, accepted.status(), accepted::toString);
            String jobId = accepted.json().getString("job_id");
            JsonObject done = Batches.awaitStatus(tenant(tenant), "/get-digests/" + jobId, DigestIT.JOB,
                    "completed", "failed");
            assertEquals("completed", done.getString("status"), done::toString);
            assertEquals(0, done.getInt("failed_images"), "a truncated JPEG is processed, not failed: " + done);
            List<String> warnings = strings(done.getJsonArray("warnings"));
            assertEquals(1, warnings.size(), done::toString);
            assertTrue(warnings.get(0).endsWith("/cut.jpg: " + TRUNCATED), done::toString);
        } finally {
            Batches.delete(dir);
        }
    }
}
