package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** POST /api/v1/faces/analyze on the real server with the real models. */
class AnalyzeIT {

    private static final String ANALYZE = "/api/v1/faces/analyze";

    @Test
    void multipartPhotoOfACoupleGivesTwoFaces() {
        Api.Reply reply = Api.admin().postFile(ANALYZE, "file", "couple.jpg", "image/jpeg", Photos.bytes("couple.jpg"));
        assertEquals(200, reply.status(), reply::toString);
        JsonObject body = reply.json();
        assertEquals(2280, body.getJsonObject("image").getInt("width"));
        assertEquals(1588, body.getJsonObject("image").getInt("height"));
        JsonArray faces = body.getJsonArray("faces");
        assertEquals(2, faces.size(), reply::toString);
        JsonObject face = faces.getJsonObject(0);
        assertEquals(4, face.getJsonArray("bbox").size());
        assertTrue(face.getJsonNumber("score").doubleValue() > 0.5, reply::toString);
        assertEquals(6, face.getJsonArray("keypoints").size());
        assertTrue(face.getJsonObject("quality").containsKey("accepted"), reply::toString);
        assertTrue(face.getJsonObject("quality").containsKey("reasons"), reply::toString);
        assertTrue(face.getJsonObject("attributes").containsKey("age"), reply::toString);
        assertTrue(face.getJsonObject("attributes").containsKey("gender"), reply::toString);
        assertTrue(face.containsKey("antispoof"), reply::toString);
        assertTrue(face.getString("model").startsWith("faceapi-recognition@"), "the default recogniser: " + reply);
        assertTrue(!face.containsKey("embedding"), "no embedding unless asked for");
        assertTrue(body.getJsonObject("timings_ms").containsKey("detect"), reply::toString);
    }

    @Test
    void base64JsonWithEmbedding() {
        String json = "{\"image\":\"" + Base64.getEncoder().encodeToString(Photos.bytes("img1.jpg")) + "\"}";
        Api.Reply reply = Api.admin().postJson(ANALYZE + "?include_embedding=true&max_faces=1", json);
        assertEquals(200, reply.status(), reply::toString);
        JsonArray faces = reply.json().getJsonArray("faces");
        assertEquals(1, faces.size(), reply::toString);
        JsonArray embedding = faces.getJsonObject(0).getJsonArray("embedding");
        assertEquals(128, embedding.size(), "the default recogniser (faceapi) is 128-d");
        double norm = 0;
        for (int i = 0; i < embedding.size(); i++) {
            double v = embedding.getJsonNumber(i).doubleValue();
            norm += v * v;
        }
        assertEquals(1.0, norm, 1e-3, "L2-normalised");
    }

    @Test
    void badImagesAreProblemsNamingTheField() {
        Api.Reply text = Api.admin().postFile(ANALYZE, "file", "notes.txt", "text/plain",
                "not a photo".getBytes(StandardCharsets.UTF_8));
        ImageJobIT.assertProblem(text, 400, "file");

        Api.Reply badBase64 = Api.admin().postJson(ANALYZE, "{\"image\":\"%%% not base64 %%%\"}");
        ImageJobIT.assertProblem(badBase64, 400, "image");

        String notAnImage = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));
        Api.Reply undecodable = Api.admin().postJson(ANALYZE, "{\"image\":\"" + notAnImage + "\"}");
        ImageJobIT.assertProblem(undecodable, 400, "image");

        Api.Reply badMinScore = Api.admin().postFile(ANALYZE + "?min_score=abc", "file", "img1.jpg", "image/jpeg",
                Photos.bytes("img1.jpg"));
        ImageJobIT.assertProblem(badMinScore, 400, "min_score");
    }

    @Test
    void alignedCropIsOneFaceWithAnEmbedding() throws Exception {
        // a 112×112 crop around the first face of img1, resized: the whole image is the face
        Api.Reply first = Api.admin().postFile(ANALYZE + "?max_faces=1", "file", "img1.jpg", "image/jpeg",
                Photos.bytes("img1.jpg"));
        assertEquals(200, first.status(), first::toString);
        JsonArray bbox = first.json().getJsonArray("faces").getJsonObject(0).getJsonArray("bbox");
        BufferedImage photo = ImageIO.read(new ByteArrayInputStream(Photos.bytes("img1.jpg")));
        int x = (int) bbox.getJsonNumber(0).doubleValue();
        int y = (int) bbox.getJsonNumber(1).doubleValue();
        int side = (int) bbox.getJsonNumber(2).doubleValue();
        BufferedImage crop = new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB);
        crop.createGraphics().drawImage(photo, 0, 0, 112, 112, x, y, x + side, y + side, null);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(crop, "png", png);

        Api.Reply reply = Api.admin().postFile(ANALYZE + "?aligned=true&include_embedding=true", "file", "face.png",
                "image/png", png.toByteArray());
        assertEquals(200, reply.status(), reply::toString);
        JsonArray faces = reply.json().getJsonArray("faces");
        assertEquals(1, faces.size(), reply::toString);
        assertEquals(128, faces.getJsonObject(0).getJsonArray("embedding").size());
        assertEquals(112, reply.json().getJsonObject("image").getInt("width"));
    }
}
