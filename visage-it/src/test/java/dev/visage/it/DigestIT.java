package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * POST /digest, GET /get-digests: a folder with subfolders digested into a group (faces with
 * group, image path, index, confidence, area and time), the same photos into a second group,
 * validation with the fields at fault, traversal and link escapes refused, filters and paging,
 * a failing image, cancel, and the same API keys as every route.
 */
@ResourceLock(value = SuiteLocks.BATCH_CONSUMER, mode = ResourceAccessMode.READ)
class DigestIT {

    static final Duration JOB = Duration.ofMinutes(5);

    static String newTenant() {
        return "dg-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Api as(String tenant) {
        return Api.admin().header("X-Tenant-ID", tenant);
    }

    static String body(String dir, String group) {
        return "{\"local_dir_path\":\"" + dir + "\",\"group_id\":\"" + group + "\",\"threads\":2}";
    }

    @Test
    void aFolderAndItsSubfoldersAreDigestedIntoTheGroupAndIntoASecondGroup() throws IOException {
        String tenant = newTenant();
        Path dir = Batches.newFolder("digest");
        try {
            List<Path> photos = Batches.photos();
            Files.copy(photos.get(1), dir.resolve("a.jpg"));
            Files.createDirectories(dir.resolve("day1/morning"));
            Files.copy(photos.get(2), dir.resolve("day1/b.JPG"));
            Files.copy(photos.get(3), dir.resolve("day1/morning/c.jpeg"));
            Files.writeString(dir.resolve("notes.txt"), "not a photo");
            Files.copy(photos.get(4), dir.resolve(".hidden.jpg"));
            Files.writeString(dir.resolve("day1/broken.jpg"), "this is text, not a JPEG");
            Path outside = Files.createTempFile("outside-the-roots-", ".jpg");
            Files.copy(photos.get(5), outside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.createSymbolicLink(dir.resolve("escape.jpg"), outside);
            Files.createSymbolicLink(dir.resolve("inside-link.jpg"), dir.resolve("a.jpg"));

            Api.Reply accepted = as(tenant).postJson("/digest", body(dir.toString(), "event-a"));
            assertEquals(202, accepted.status(), accepted::toString);
            String jobId = accepted.json().getString("job_id");
            assertTrue(jobId.startsWith("digest-"), jobId);
            assertTrue(accepted.location().endsWith("/get-digests/" + jobId), accepted.location());
            assertEquals("event-a", accepted.json().getString("group_id"));
            assertEquals(0.5, accepted.json().getJsonNumber("confidence").doubleValue());
            assertEquals(2, accepted.json().getInt("threads"));

            JsonObject done = Batches.awaitStatus(as(tenant), "/get-digests/" + jobId, JOB, "completed", "failed");
            assertEquals("completed", done.getString("status"), done::toString);
            assertEquals(100, done.getInt("progress"));
            // a, b, c, the link inside the root, and the broken one; not the text, the hidden file or the escape
            assertEquals(5, done.getInt("total_images"), done::toString);
            assertEquals(5, done.getInt("processed_images"));
            assertEquals(1, done.getInt("failed_images"));
            assertEquals(1, done.getInt("skipped_files"), "the link out of the roots");
            Instant start = Instant.parse(done.getString("start_time"));
            Instant end = Instant.parse(done.getString("end_time"));
            assertFalse(end.isBefore(start));
            String errors = done.getJsonArray("errors").toString();
            assertTrue(errors.contains("broken.jpg: not an image"), errors);
            assertFalse(errors.contains("null"), "the reason names no missing object: " + errors);
            assertTrue(errors.contains("escape.jpg: symbolic link leads outside the digest roots"), errors);

            int faces = done.getInt("faces_processed");
            assertTrue(faces >= 4, "a face from each of the four readable photos: " + done);
            JsonArray ids = done.getJsonArray("upserted_face_ids");
            Set<String> faceIds = ids.getValuesAs(JsonString.class).stream().map(JsonString::getString)
                    .collect(Collectors.toSet());
            // a.jpg and inside-link.jpg are the same photo: one set of face rows serves both
            long rows = Db.count("SELECT count(*) FROM faces WHERE tenant_id = ? AND group_id = 'event-a'", tenant);
            assertEquals(faceIds.size(), rows, "one row per upserted face id");
            assertEquals(done.getInt("upserted_face_ids_total"), faceIds.size());
            assertTrue(faces > faceIds.size(), "faces_processed counts a.jpg's faces once per path it was found at");
            assertEquals(rows, Db.count("SELECT count(*) FROM faces WHERE tenant_id = ? AND group_id = 'event-a'"
                    + " AND image_path IS NOT NULL AND det_score >= 0.5 AND bbox_w > 0 AND bbox_h > 0"
                    + " AND created_at IS NOT NULL AND face_index >= 0", tenant));
            assertEquals(1, Db.count("SELECT count(DISTINCT image_path) FROM faces WHERE tenant_id = ?"
                    + " AND group_id = 'event-a' AND image_path LIKE ?", tenant, "%/day1/morning/c.jpeg"),
                    "faces carry the path the digest found them at (subfolders searched)");
            // ... and search answers with that path, as the digest service did
            Api.Reply found = as(tenant).postMultipart("/search-face", java.util.Map.of("group_id", "event-a", "top_k", "1"),
                    "file", "c.jpeg", "image/jpeg", Files.readAllBytes(photos.get(3)));
            assertEquals(200, found.status(), found::toString);
            String path = found.json().getJsonArray("matches").getJsonObject(0).getString("image_path");
            assertTrue(path.endsWith("/day1/morning/c.jpeg"), path);

            // Paging the face ids
            JsonObject page2 = as(tenant).get("/get-digests/" + jobId + "?face_ids_page=2&face_ids_page_size=2").json();
            assertEquals(2, page2.getInt("face_ids_page"));
            assertEquals(Math.min(2, faceIds.size() - 2), page2.getJsonArray("upserted_face_ids").size());

            // The same photos into another group: a group is its own gallery
            String second = as(tenant).postJson("/api/v1/digests", body(dir.toString(), "event-b")).json().getString("job_id");
            JsonObject b = Batches.awaitStatus(as(tenant), "/api/v1/digests/" + second, JOB, "completed", "failed");
            assertEquals(faces, b.getInt("faces_processed"), b::toString);
            assertEquals(rows, Db.count("SELECT count(*) FROM faces WHERE tenant_id = ? AND group_id = 'event-b'", tenant));

            // Again into the first group: nothing new, the same faces upserted
            String again = as(tenant).postJson("/digest", body(dir.toString(), "event-a")).json().getString("job_id");
            JsonObject c = Batches.awaitStatus(as(tenant), "/get-digests/" + again, JOB, "completed", "failed");
            Set<String> againIds = new HashSet<>(c.getJsonArray("upserted_face_ids").getValuesAs(JsonString.class)
                    .stream().map(JsonString::getString).toList());
            assertEquals(faceIds, againIds, "re-digesting upserts the same faces");
            assertEquals(rows, Db.count("SELECT count(*) FROM faces WHERE tenant_id = ? AND group_id = 'event-a'", tenant));

            // Listing: filters and paging
            JsonObject all = as(tenant).get("/get-digests").json();
            assertEquals(3, all.getInt("total_jobs"), all::toString);
            assertEquals(again, all.getJsonArray("jobs").getJsonObject(0).getString("job_id"), "newest first");
            JsonObject groupA = as(tenant).get("/get-digests?group_id=event-a&status=completed&page_size=1").json();
            assertEquals(2, groupA.getInt("total_jobs"));
            assertEquals(1, groupA.getJsonArray("jobs").size());
            JsonObject future = as(tenant).get("/get-digests?from=" + Instant.now().plusSeconds(3600)).json();
            assertEquals(0, future.getInt("total_jobs"));
            JsonObject today = as(tenant).get("/get-digests?from=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                    + "&to=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC)).json();
            assertEquals(3, today.getInt("total_jobs"));
            assertEquals(0, as(newTenant()).get("/get-digests").json().getInt("total_jobs"), "tenants see only their own");
            assertEquals(404, as(newTenant()).get("/get-digests/" + jobId).status(), "nor another tenant's job");
            Files.deleteIfExists(outside);
        } finally {
            Batches.delete(dir);
        }
    }

    @Test
    void exactlyOneSourceAndValidSettingsElse422NamingTheFields() throws IOException {
        Api api = as(newTenant());
        Api.Reply neither = api.postJson("/digest", "{\"group_id\":\"g\"}");
        assertEquals(422, neither.status(), neither::toString);
        assertEquals(Set.of("local_dir_path", "s3_bucket"), fields(neither));
        Api.Reply both = api.postJson("/digest", "{\"group_id\":\"g\",\"local_dir_path\":\"x\",\"s3_bucket\":\"b\",\"s3_prefix\":\"\"}");
        assertEquals(422, both.status());
        assertEquals(Set.of("local_dir_path", "s3_bucket"), fields(both));
        Api.Reply noPrefix = api.postJson("/digest", "{\"group_id\":\"g\",\"s3_bucket\":\"photos\"}");
        assertEquals(Set.of("s3_prefix"), fields(noPrefix));
        Api.Reply settings = api.postJson("/digest", "{\"local_dir_path\":\"" + Batches.digestRoot()
                + "\",\"confidence\":1.5,\"threads\":0,\"priority\":12}");
        assertEquals(Set.of("group_id", "confidence", "threads", "priority"), fields(settings), settings::toString);

        Path dir = Batches.newFolder("escape");
        try {
            Api.Reply traversal = api.postJson("/digest", body(dir + "/../../../../../etc", "g"));
            assertEquals(422, traversal.status());
            assertTrue(traversal.body().contains("outside the configured digest roots"), traversal::toString);
            assertEquals(Set.of("local_dir_path"), fields(traversal));
            Api.Reply relative = api.postJson("/digest", body("../../..", "g"));
            assertTrue(relative.body().contains("outside the configured digest roots"), relative::toString);
            Files.createSymbolicLink(dir.resolve("tmp-link"), Path.of(System.getProperty("java.io.tmpdir")));
            Api.Reply link = api.postJson("/digest", body(dir.resolve("tmp-link").toString(), "g"));
            assertTrue(link.body().contains("outside the configured digest roots"), link::toString);
            Api.Reply missing = api.postJson("/digest", body(dir.resolve("nope").toString(), "g"));
            assertTrue(missing.body().contains("does not exist"), missing::toString);
            Files.writeString(dir.resolve("file.jpg"), "x", StandardCharsets.UTF_8);
            Api.Reply file = api.postJson("/digest", body(dir.resolve("file.jpg").toString(), "g"));
            assertTrue(file.body().contains("not a directory"), file::toString);
            // relative to the first root works
            Api.Reply ok = api.postJson("/digest", body(dir.getFileName().toString(), "g"));
            assertEquals(202, ok.status(), ok::toString);
        } finally {
            Batches.delete(dir);
        }
        assertEquals(404, api.get("/get-digests/digest-" + UUID.randomUUID()).status());
        assertEquals(404, api.get("/get-digests/not-a-job").status());
        assertEquals(400, api.get("/get-digests?status=sleeping").status());
    }

    @Test
    void theSeedCompatiblePathsTakeTheSameApiKeys() {
        assertEquals(401, Api.server().postJson("/digest", "{}").status());
        assertEquals(401, Api.server().get("/get-digests").status());
        assertEquals(401, Api.server().get("/get-digests/digest-" + UUID.randomUUID()).status());
        assertEquals(401, Api.server().get("/api/v1/digests").status());
        assertEquals(401, Api.server().key("vsg_not_a_key").get("/get-digests").status());
        String tenant = newTenant();
        String key = Api.admin().postJson("/api/v1/admin/api-keys", "{\"tenant_id\":\"" + tenant + "\"}").json()
                .getString("secret");
        Api.Reply list = Api.server().key(key).get("/get-digests");
        assertEquals(200, list.status(), list::toString);
        assertEquals(0, list.json().getInt("total_jobs"));
    }

    @Test
    void aCancelledDigestNeverProcessesItsPendingImages() {
        String tenant = newTenant();
        Path dir = Batches.newFolder("cancel");
        try {
            Batches.variants(dir, 40);
            String jobId = as(tenant).postJson("/digest", "{\"local_dir_path\":\"" + dir
                    + "\",\"group_id\":\"c\",\"threads\":1,\"priority\":0}").json().getString("job_id");
            Waits.until(JOB, () -> as(tenant).get("/get-digests/" + jobId).json(),
                    j -> j.getInt("total_images") == 40 && j.getInt("processed_images") >= 1, "the digest to start");
            Api.Reply cancelled = as(tenant).postJson("/digest/" + jobId + "/cancel", "");
            assertEquals(200, cancelled.status(), cancelled::toString);
            assertEquals("cancelled", cancelled.json().getString("status"));
            assertNotNull(cancelled.json().getString("end_time"));
            UUID id = UUID.fromString(jobId.substring("digest-".length()));
            // Every item ends: those in flight finish, the rest are cancelled, none stays pending.
            Waits.until(JOB, () -> Db.count("SELECT count(*) FROM batch_items WHERE job_id = ? AND status = 'PENDING'", id),
                    n -> n == 0, "no pending items");
            long done = Db.count("SELECT count(*) FROM batch_items WHERE job_id = ? AND status IN ('DONE', 'FAILED')", id);
            long cancelledItems = Db.count("SELECT count(*) FROM batch_items WHERE job_id = ? AND status = 'CANCELLED'", id);
            assertEquals(40, done + cancelledItems);
            assertTrue(cancelledItems > 0, "pending images were cancelled: " + cancelledItems);
            JsonObject after = as(tenant).get("/get-digests/" + jobId).json();
            assertEquals("cancelled", after.getString("status"), "a late outcome does not reopen the job");
            assertEquals(done, after.getInt("processed_images"));
            Api.Reply again = as(tenant).postJson("/api/v1/digests/" + jobId + "/cancel", "");
            assertEquals(200, again.status(), "cancelling again answers the job as it is");
            assertEquals("cancelled", again.json().getString("status"));
            assertEquals(404, as(newTenant()).postJson("/digest/" + jobId + "/cancel", "").status());
        } finally {
            Batches.delete(dir);
        }
    }

    static Set<String> fields(Api.Reply r) {
        return r.json().getJsonArray("invalid-params").getValuesAs(JsonObject.class).stream()
                .map(p -> p.getString("name")).collect(Collectors.toSet());
    }
}
