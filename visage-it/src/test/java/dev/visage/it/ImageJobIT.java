package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The walking skeleton: REST → storage → JMS → MDB → JPA, on the real servers. */
class ImageJobIT {

    static JsonObject awaitFinal(Api api, String location) {
        String path = location.substring(location.indexOf("/api/"));
        return Waits.until(Duration.ofSeconds(60), () -> api.get(path).json(),
                job -> job.getString("status").equals("completed") || job.getString("status").equals("failed"),
                "job " + path + " to finish");
    }

    @Test
    void photoUploadCompletesWithHashSizeAndPhash() throws Exception {
        byte[] photo = Photos.bytes("img1.jpg");
        Api.Reply reply = Api.admin().postFile("/api/v1/images", "file", "img1.jpg", "image/jpeg", photo);
        assertEquals(202, reply.status(), reply::toString);
        assertNotNull(reply.location(), "Location header");
        assertEquals("queued", reply.json().getString("status"));

        JsonObject job = awaitFinal(Api.admin(), reply.location());
        assertEquals("completed", job.getString("status"), job::toString);
        JsonObject image = job.getJsonObject("image");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(photo));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo)),
                image.getString("sha256"));
        assertEquals(decoded.getWidth(), image.getInt("width"));
        assertEquals(decoded.getHeight(), image.getInt("height"));
        assertTrue(image.getString("phash").matches("[0-9a-f]{16}"), image::toString);
        assertEquals("jpeg", image.getString("format"));
    }

    @Test
    void textFileEndsFailedAsNotAnImage() {
        byte[] text = "hello, I am not a photo".getBytes(StandardCharsets.UTF_8);
        Api.Reply reply = Api.admin().postFile("/api/v1/images", "file", "notes.txt", "text/plain", text);
        assertEquals(202, reply.status(), reply::toString);
        JsonObject job = awaitFinal(Api.admin(), reply.location());
        assertEquals("failed", job.getString("status"));
        assertTrue(job.getString("failure_reason").startsWith("not an image"), job::toString);
        assertTrue(!job.getString("failure_reason").contains("null"), "a readable reason: " + job);
    }

    @Test
    void missingObjectEndsFailedWithReason() {
        Api.Reply reply = Api.admin().postJson("/api/v1/images", "{\"bucket\":\"raw-images\",\"key\":\"nope/missing.jpg\"}");
        assertEquals(202, reply.status(), reply::toString);
        JsonObject job = awaitFinal(Api.admin(), reply.location());
        assertEquals("failed", job.getString("status"));
        assertEquals("object not found: raw-images/nope/missing.jpg", job.getString("failure_reason"));
    }

    @Test
    void malformedRequestsAreProblemsNamingTheField() {
        Api.Reply noFile = Api.admin().postFile("/api/v1/images", "photo", "a.jpg", "image/jpeg", new byte[]{1, 2});
        assertProblem(noFile, 400, "file");

        Api.Reply badScheme = Api.admin().postJson("/api/v1/images", "{\"url\":\"file:///etc/passwd\"}");
        assertProblem(badScheme, 422, "url");

        Api.Reply keyWithoutBucket = Api.admin().postJson("/api/v1/images", "{\"key\":\"a.jpg\"}");
        assertProblem(keyWithoutBucket, 422, "bucket");

        Api.Reply brokenJson = Api.admin().postJson("/api/v1/images", "{\"url\": ");
        assertProblem(brokenJson, 400, "body");

        Api.Reply wrongType = Api.admin().post("/api/v1/images", "text/plain", "hi".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, wrongType.status(), wrongType::toString);
        assertTrue(wrongType.contentType().startsWith("application/problem+json"), wrongType::toString);

        Api.Reply badId = Api.admin().get("/api/v1/jobs/not-a-uuid");
        assertProblem(badId, 400, "id");
    }

    static void assertProblem(Api.Reply reply, int status, String field) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
        JsonObject problem = reply.json();
        assertEquals(status, problem.getInt("status"));
        assertTrue(problem.getJsonArray("invalid-params").stream()
                .anyMatch(p -> p.asJsonObject().getString("name").equals(field)), reply::toString);
    }

    static byte[] png() throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
