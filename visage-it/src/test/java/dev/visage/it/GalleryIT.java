package dev.visage.it;

import static dev.visage.it.GalleryPhotos.assertField;
import static dev.visage.it.GalleryPhotos.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Search on the deepface photos ({@link GalleryPhotos}, a tenant of its own): search by photo against the
 * identities, the filters, tenant isolation, search by embedding and every face, crops, and refusals. Clustering
 * of the same photos: {@link GalleryClusteringIT}; dedicated indexes: {@link SearchIndexIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GalleryIT {

    private static GalleryPhotos gallery;

    static synchronized GalleryPhotos gallery() throws IOException {
        if (gallery == null) {
            gallery = GalleryPhotos.ingest("gallery");
        }
        return gallery;
    }

    @Test
    @Order(1)
    void searchByAPhotoReturnsThatPersonsOtherPhotosFirst() throws Exception {
        GalleryPhotos g = gallery();
        Map<String, String> photoOf = g.photoOf();
        Map<String, String> truth = g.truth();
        Map<String, Long> facesPerPhoto = new HashMap<>();
        photoOf.values().forEach(p -> facesPerPhoto.merge(p, 1L, Long::sum));
        int probes = 0;
        double p1 = 0;
        double rPrecision = 0;
        double strictP1 = 0;
        double strictR = 0;
        for (Map.Entry<String, String> subject : truth.entrySet()) {
            String photo = photoOf.get(subject.getKey());
            if (facesPerPhoto.get(photo) != 1 || !g.largest().contains(subject.getKey())) {
                continue; // the probe is the photo's largest face: only unambiguous when it is the one stored
            }
            String identity = subject.getValue();
            Api.Reply r = g.api().postMultipart("/search-face", Map.of("group_id", g.group(), "top_k", "30"), "file", photo,
                    "image/jpeg", Photos.bytes(photo));
            assertEquals(200, r.status(), r::toString);
            JsonArray matches = r.json().getJsonArray("matches");
            assertEquals(subject.getKey(), matches.getJsonObject(0).getString("face_id"), "the photo's own face first");
            assertTrue(matches.getJsonObject(0).getJsonNumber("similarity").doubleValue() > 0.999);
            List<String> judged = new ArrayList<>();
            List<String> all = new ArrayList<>();
            for (JsonValue v : matches) {
                String face = v.asJsonObject().getString("face_id");
                if (photo.equals(photoOf.get(face))) {
                    continue;
                }
                all.add(truth.get(face));
                if (truth.containsKey(face)) {
                    judged.add(truth.get(face));
                }
            }
            long relevant = truth.entrySet().stream().filter(e -> e.getValue().equals(identity)
                    && !photo.equals(photoOf.get(e.getKey()))).count();
            probes++;
            p1 += identity.equals(judged.get(0)) ? 1 : 0;
            strictP1 += identity.equals(all.get(0)) ? 1 : 0;
            rPrecision += hits(judged, identity, (int) relevant) / (double) relevant;
            strictR += hits(all, identity, (int) relevant) / (double) relevant;
        }
        p1 /= probes;
        rPrecision /= probes;
        strictP1 /= probes;
        strictR /= probes;
        GalleryPhotos.report("search by photo (largest face, group %s, %d probes): precision@1 %.4f, R-precision %.4f (precision@R,"
                + " R = the person's other photos); counting unlabelled faces (bystanders, couple, selfie) as wrong:"
                + " precision@1 %.4f, R-precision %.4f", g.group(), probes, p1, rPrecision, strictP1, strictR);
        assertTrue(probes >= 50, "probes: " + probes);
        assertTrue(p1 >= 0.95, GalleryPhotos::reported);
        assertTrue(rPrecision >= 0.95, GalleryPhotos::reported);
    }

    @Test
    @Order(2)
    void searchFiltersByGroupSiteAndDateAndNeverLeavesTheTenant() throws Exception {
        GalleryPhotos g = gallery();
        String group = g.group();
        byte[] img1 = Photos.bytes("img1.jpg");
        // a mirrored copy of img1 in another group and site, stored after the rest
        GalleryPhotos.Mirror m = g.uploadMirror("mirror.example");
        String mirror = m.face();
        String before = m.uploadedAfter().toString();

        assertTrue(ids(search(Map.of("top_k", "30"))).contains(mirror), "no filter: every group");
        assertFalse(ids(search(Map.of("group_id", group))).contains(mirror));
        assertEquals(List.of(mirror), ids(search(Map.of("group_id", "side"))));
        assertEquals(List.of(mirror), ids(search(Map.of("site", "mirror.example"))));
        assertEquals(List.of(mirror), ids(search(Map.of("from", before))));
        assertFalse(ids(search(Map.of("to", before))).contains(mirror));
        assertEquals(List.of(), ids(search(Map.of("group_id", "nobody"))));
        JsonObject top = search(Map.of("top_k", "3", "min_similarity", "0.5"));
        assertEquals(3, top.getJsonArray("matches").size());
        JsonObject first = top.getJsonArray("matches").getJsonObject(0);
        assertTrue(first.getBoolean("same_person"));
        assertEquals(group, first.getString("group_id"));
        assertEquals(4, first.getJsonArray("bbox").size());
        assertTrue(first.getString("image_path").startsWith("raw-images/" + g.tenant() + "/"));
        assertEquals("/api/v1/gallery/faces/" + first.getString("face_id") + "/crop", first.getString("crop_url"));
        assertEquals(1, top.getJsonArray("query_faces").size());
        // an explicit ef_search takes the HNSW index even for this small tenant: the same people first
        JsonObject viaIndex = search(Map.of("group_id", group, "top_k", "3", "ef_search", "40"));
        assertEquals(ids(search(Map.of("group_id", group, "top_k", "3"))), ids(viaIndex));
        assertField(g.api().postMultipart("/search-face", Map.of("ef_search", "0"), "file", "img1.jpg", "image/jpeg",
                img1), 400, "ef_search");

        // another tenant with img2 and its own key: neither sees the other's faces
        String other = "gallery-other-" + UUID.randomUUID().toString().substring(0, 6);
        String key = Api.admin().postJson("/api/v1/admin/api-keys", "{\"tenant_id\":\"" + other + "\"}").json()
                .getString("secret");
        assertEquals(202, Api.server().key(key).postMultipart("/api/v1/ingest", Map.of(), "file", "img2.jpg",
                "image/jpeg", Photos.bytes("img2.jpg")).status());
        IngestPipelineIT.awaitDone(other, 1, Duration.ofMinutes(3));
        Api.Reply theirs = Api.server().key(key).postMultipart("/api/v1/search-face", Map.of(), "file", "img1.jpg",
                "image/jpeg", img1);
        assertEquals(200, theirs.status(), theirs::toString);
        List<String> theirIds = ids(theirs.json());
        assertEquals(1, theirIds.size(), "the other tenant's gallery holds one face");
        assertFalse(g.photoOf().containsKey(theirIds.get(0)));
        assertFalse(ids(search(Map.of("top_k", "1000"))).contains(theirIds.get(0)));
        assertEquals(404, Api.server().key(key).get("/api/v1/gallery/faces/" + mirror).status());
    }

    @Test
    @Order(3)
    void searchByEmbeddingEveryFaceAndCrops() throws Exception {
        GalleryPhotos g = gallery();
        String group = g.group();
        Map<String, String> photoOf = g.photoOf();
        Api.Reply emb = g.api().postFile("/get-embedding", "file", "img1.jpg", "image/jpeg", Photos.bytes("img1.jpg"));
        assertEquals(200, emb.status(), emb::toString);
        JsonArray vector = emb.json().getJsonArray("embedding");
        assertEquals(128, vector.size());
        Api.Reply byVector = g.api().postJson("/api/v1/search-face", "{\"embedding\":" + vector + ",\"group_id\":\""
                + group + "\",\"top_k\":5}");
        assertEquals(200, byVector.status(), byVector::toString);
        JsonObject best = byVector.json().getJsonArray("matches").getJsonObject(0);
        assertEquals("img1.jpg", photoOf.get(best.getString("face_id")));
        assertTrue(best.getJsonNumber("similarity").doubleValue() > 0.999);
        assertTrue(byVector.json().getJsonArray("query_faces").getJsonObject(0).isNull("bbox"));

        // base64 photo, every face: couple.jpg has two
        String b64 = Base64.getEncoder().encodeToString(Photos.bytes("couple.jpg"));
        JsonObject couple = g.api().postJson("/search-face", "{\"image\":\"" + b64 + "\",\"faces\":\"all\",\"top_k\":2,"
                + "\"group_id\":\"" + group + "\"}").json();
        assertEquals(2, couple.getJsonArray("query_faces").size());
        Set<Integer> queried = new HashSet<>();
        couple.getJsonArray("matches").forEach(m -> queried.add(m.asJsonObject().getInt("query_face")));
        assertEquals(Set.of(0, 1), queried);
        for (JsonValue m : couple.getJsonArray("matches")) {
            if (m.asJsonObject().getInt("query_face") == 0) {
                assertEquals("couple.jpg", photoOf.get(m.asJsonObject().getString("face_id")));
                break;
            }
        }

        // the crop and the face's record
        Api.Reply crop = g.api().getBytes(best.getString("crop_url"));
        assertEquals(200, crop.status());
        assertTrue(crop.contentType().startsWith("image/jpeg"), crop.contentType());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(crop.bytes()));
        assertTrue(image.getWidth() > 50);
        JsonObject face = g.api().get("/api/v1/gallery/faces/" + best.getString("face_id")).json();
        assertEquals(group, face.getString("group_id"));
        assertEquals("faceapi-recognition@face-api-1.7.15", face.getString("model"));
        assertEquals(404, g.api().get("/api/v1/gallery/faces/" + UUID.randomUUID()).status());
    }

    @Test
    @Order(4)
    void refusalsNameTheFieldAtFault() throws Exception {
        Api api = gallery().api();
        assertField(api.postMultipart("/search-face", Map.of("top_k", "0"), "file", "img1.jpg", "image/jpeg",
                Photos.bytes("img1.jpg")), 400, "top_k");
        assertField(api.postMultipart("/search-face", Map.of("faces", "some"), "file", "img1.jpg", "image/jpeg",
                Photos.bytes("img1.jpg")), 400, "faces");
        assertField(api.postMultipart("/search-face", Map.of("from", "yesterday"), "file", "img1.jpg",
                "image/jpeg", Photos.bytes("img1.jpg")), 400, "from");
        assertField(api.postFile("/search-face", "file", "note.txt", "text/plain", "hello".getBytes()), 400, "file");
        assertField(api.postFile("/search-face", "file", "blank.png", "image/png", blankPng()), 422, "file");
        assertField(api.postJson("/search-face", "{\"embedding\":[0.1,0.2,0.3]}"), 422, "embedding");
        assertField(api.postJson("/search-face", "{\"top_k\":3}"), 400, "image");
        assertField(api.postJson("/api/v1/search-face", "{\"embedding\":[1],\"model\":\"nope\"}"), 400, "model");
        assertEquals(401, Api.server().postJson("/search-face", "{\"top_k\":3}").status(), "the same keys as every route");
    }

    /** A search by img1.jpg in the gallery's tenant, with the given form fields. */
    static JsonObject search(Map<String, String> fields) throws IOException {
        Api.Reply r = gallery().api().postMultipart("/search-face", fields, "file", "img1.jpg", "image/jpeg",
                Photos.bytes("img1.jpg"));
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    static int hits(List<String> ranked, String identity, int r) {
        int hits = 0;
        for (int i = 0; i < Math.min(r, ranked.size()); i++) {
            hits += identity.equals(ranked.get(i)) ? 1 : 0;
        }
        return hits;
    }

    static byte[] blankPng() throws IOException {
        BufferedImage image = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }
}
