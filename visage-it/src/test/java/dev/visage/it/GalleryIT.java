package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.gallery.ClusteringMetrics;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Search and clustering on the deepface photos, uploaded once into one group of a fresh tenant through
 * the real pipeline. Identities: connected components of the Yes-pairs of pairs.csv and pairs-balanced.csv;
 * in a photo with bystanders the subject is the face most like the identity's other photos
 * ({@link ClusteringMetrics#subjects}). Writes target/gallery-quality.txt.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GalleryIT {

    static final String GROUP = "deepface";
    static final String TENANT = "gallery-" + UUID.randomUUID().toString().substring(0, 8);
    static final StringBuilder REPORT = new StringBuilder();

    /** Stored face id → its photo, and the truth over faces. */
    static Map<String, String> photoOf;
    /** Stored faces that are their photo's largest detected face (face_index 0). */
    static Set<String> largest;
    static Map<String, String> truth;
    static List<String> photos;

    static Api api() {
        return Api.admin().header("X-Tenant-ID", TENANT);
    }

    static synchronized void ingestOnce() throws Exception {
        if (photoOf != null) {
            return;
        }
        try (Stream<Path> files = Files.list(Photos.dir())) {
            photos = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jpg")).sorted().toList();
        }
        Map<String, String> photoOfSha = new HashMap<>();
        for (String photo : photos) {
            byte[] bytes = Photos.bytes(photo);
            photoOfSha.put(sha256(bytes), photo);
            Api.Reply r = api().postMultipart("/api/v1/ingest", Map.of("group_id", GROUP), "file", photo, "image/jpeg",
                    bytes);
            assertEquals(202, r.status(), r::toString);
        }
        IngestPipelineIT.awaitDone(TENANT, photos.size(), Duration.ofMinutes(10));
        record Face(String id, String photo, float[] v, int index) {
        }
        List<Face> faces = Db.list("SELECT id, image_sha256, CAST(embedding AS text), face_index FROM faces"
                + " WHERE tenant_id = ? AND group_id = ?", rs -> new Face(rs.getString(1),
                photoOfSha.get(rs.getString(2).trim()), vector(rs.getString(3)), rs.getInt(4)), TENANT, GROUP);
        Set<String> first = new HashSet<>();
        faces.stream().filter(f -> f.index() == 0).forEach(f -> first.add(f.id()));
        largest = first;
        assertTrue(faces.size() >= photos.size(), "every photo yields at least one stored face: " + faces.size());
        Map<String, String> ofFace = new HashMap<>();
        faces.forEach(f -> ofFace.put(f.id(), f.photo()));
        Map<String, String> identities = ClusteringMetrics.identities(Photos.dir().getParent(),
                List.of("pairs.csv", "pairs-balanced.csv"));
        truth = ClusteringMetrics.subjects(faces, Face::photo, Face::id, Face::v, identities);
        photoOf = ofFace;
        report("tenant %s: %d photos, %d stored faces, %d labelled faces of %d identities", TENANT, photos.size(),
                faces.size(), truth.size(), truth.values().stream().distinct().count());
    }

    @Test
    @Order(1)
    void searchByAPhotoReturnsThatPersonsOtherPhotosFirst() throws Exception {
        ingestOnce();
        Map<String, Long> facesPerPhoto = new HashMap<>();
        photoOf.values().forEach(p -> facesPerPhoto.merge(p, 1L, Long::sum));
        int probes = 0;
        double p1 = 0;
        double rPrecision = 0;
        double strictP1 = 0;
        double strictR = 0;
        for (Map.Entry<String, String> subject : truth.entrySet()) {
            String photo = photoOf.get(subject.getKey());
            if (facesPerPhoto.get(photo) != 1 || !largest.contains(subject.getKey())) {
                continue; // the probe is the photo's largest face: only unambiguous when it is the one stored
            }
            String identity = subject.getValue();
            Api.Reply r = api().postMultipart("/search-face", Map.of("group_id", GROUP, "top_k", "30"), "file", photo,
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
        report("search by photo (largest face, group %s, %d probes): precision@1 %.4f, R-precision %.4f (precision@R,"
                + " R = the person's other photos); counting unlabelled faces (bystanders, couple, selfie) as wrong:"
                + " precision@1 %.4f, R-precision %.4f", GROUP, probes, p1, rPrecision, strictP1, strictR);
        assertTrue(probes >= 50, "probes: " + probes);
        assertTrue(p1 >= 0.95, REPORT::toString);
        assertTrue(rPrecision >= 0.95, REPORT::toString);
    }

    @Test
    @Order(2)
    void incrementalClusteringPlacesEveryFaceAsItArrives() throws Exception {
        ingestOnce();
        long stored = photoOf.size();
        Waits.until(Duration.ofMinutes(3), () -> Db.count("SELECT count(*) FROM gallery_faces g JOIN gallery_scopes s"
                + " ON s.id = g.scope_id WHERE s.tenant_id = ? AND s.group_id = ?", TENANT, GROUP),
                n -> n >= stored, "the sweep to place all " + stored + " faces");
        // the clusters as the sweep left them (GET does not re-cluster)
        JsonArray list = api().get("/api/v1/clusters?group_id=" + GROUP + "&limit=1000").json().getJsonArray("clusters");
        List<List<String>> clusters = new ArrayList<>();
        for (JsonValue c : list) {
            JsonObject details = api().get("/api/v1/clusters/" + c.asJsonObject().getString("cluster_id")).json();
            List<String> faces = new ArrayList<>();
            details.getJsonArray("faces").forEach(f -> faces.add(f.asJsonObject().getString("face_id")));
            assertEquals(c.asJsonObject().getInt("size"), faces.size());
            clusters.add(faces);
        }
        ClusteringMetrics.Report r = ClusteringMetrics.evaluate(clusters, truth);
        report("incremental clustering (as the faces arrived): %s", r);
        assertQuality(r);
    }

    @Test
    @Order(3)
    void clusterFacesAnswersTheDigestServiceShape() throws Exception {
        ingestOnce();
        Api.Reply reply = api().postJson("/cluster-faces", "{\"group_id\":\"" + GROUP + "\"}");
        assertEquals(200, reply.status(), reply::toString);
        JsonObject body = reply.json();
        List<List<String>> clusters = clusters(body);
        Set<String> seen = new HashSet<>();
        for (JsonValue c : body.getJsonArray("clusters")) {
            JsonObject o = c.asJsonObject();
            assertEquals(o.getInt("size"), o.getJsonArray("face_ids").size());
            assertEquals(o.getInt("size"), o.getJsonArray("image_paths").size());
            assertTrue(o.getJsonArray("face_ids").getValuesAs(jakarta.json.JsonString.class).stream()
                    .anyMatch(s -> s.getString().equals(o.getString("representative_face_id"))),
                    "the representative is a member");
            assertTrue(o.getJsonArray("image_paths").getString(0).startsWith("raw-images/" + TENANT + "/"));
            o.getJsonArray("face_ids").forEach(f -> assertTrue(seen.add(((jakarta.json.JsonString) f).getString())));
        }
        body.getJsonArray("unclustered").forEach(f -> assertTrue(seen.add(((jakarta.json.JsonString) f).getString())));
        assertEquals(photoOf.keySet(), seen, "every face of the group exactly once");
        assertEquals(2, body.getInt("min_faces"));
        ClusteringMetrics.Report r = ClusteringMetrics.evaluate(clusters, truth);
        report("POST /cluster-faces (incremental state + catch-up): %s; unclustered %d; min_similarity %s",
                r, body.getJsonArray("unclustered").size(), body.getJsonNumber("min_similarity"));
        assertQuality(r);
        // the same under /api/v1
        assertEquals(body.getJsonArray("clusters").size(), api().postJson("/api/v1/cluster-faces",
                "{\"group_id\":\"" + GROUP + "\"}").json().getJsonArray("clusters").size());
    }

    @Test
    @Order(4)
    void aFullReClusterMeetsTheAcceptanceAndKeepsPeoplesCorrections() throws Exception {
        ingestOnce();
        Api.Reply run = api().postJson("/api/v1/clusters/recluster", "{\"group_id\":\"" + GROUP + "\"}");
        assertEquals(200, run.status(), run::toString);
        JsonObject full = api().postJson("/cluster-faces", "{\"group_id\":\"" + GROUP + "\"}").json();
        assertNotNull(full.getString("reclustered_at"));
        ClusteringMetrics.Report r = ClusteringMetrics.evaluate(clusters(full), truth);
        report("full re-cluster: %s (report %s)", r, run.body());
        assertQuality(r);

        // name the largest cluster, split a face off it, move it back, merge two others
        JsonObject largest = full.getJsonArray("clusters").getJsonObject(0);
        String id = largest.getString("cluster_id");
        Api.Reply named = api().send("PATCH", "/api/v1/clusters/" + id, "{\"name\":\"Person A\"}");
        assertEquals(200, named.status(), named::toString);
        assertEquals("Person A", named.json().getString("name"));
        String face = largest.getJsonArray("face_ids").getString(1);
        Api.Reply split = api().postJson("/api/v1/clusters/" + id + "/split", "{\"face_ids\":[\"" + face + "\"]}");
        assertEquals(201, split.status(), split::toString);
        String splitId = split.json().getString("cluster_id");
        assertEquals(1, split.json().getInt("size"));
        assertEquals(largest.getInt("size") - 1, api().get("/api/v1/clusters/" + id).json()
                .getJsonObject("cluster").getInt("size"));
        JsonObject details = api().get("/api/v1/gallery/faces/" + face).json();
        assertEquals(splitId, details.getJsonArray("clusters").getJsonObject(0).getString("cluster_id"));
        // people's placements survive a re-cluster: the split-off face stays apart, the name stays
        assertEquals(200, api().postJson("/api/v1/clusters/recluster", "{\"group_id\":\"" + GROUP + "\"}").status());
        assertEquals(splitId, api().get("/api/v1/gallery/faces/" + face).json().getJsonArray("clusters")
                .getJsonObject(0).getString("cluster_id"));
        assertEquals("Person A", api().get("/api/v1/clusters/" + id).json().getJsonObject("cluster").getString("name"));
        // move it back
        Api.Reply moved = api().postJson("/api/v1/clusters/" + id + "/faces", "{\"face_ids\":[\"" + face + "\"]}");
        assertEquals(200, moved.status(), moved::toString);
        assertEquals(largest.getInt("size"), moved.json().getInt("size"));
        assertEquals(404, api().get("/api/v1/clusters/" + splitId).status(), "an emptied cluster is gone");
        // merge the two smallest into the second largest
        JsonArray all = api().get("/api/v1/clusters?group_id=" + GROUP).json().getJsonArray("clusters");
        JsonObject into = all.getJsonObject(1);
        JsonObject other = all.getJsonObject(all.size() - 1);
        Api.Reply merged = api().postJson("/api/v1/clusters/" + into.getString("cluster_id") + "/merge",
                "{\"cluster_ids\":[\"" + other.getString("cluster_id") + "\"]}");
        assertEquals(200, merged.status(), merged::toString);
        assertEquals(into.getInt("size") + other.getInt("size"), merged.json().getInt("size"));
        assertEquals(all.size() - 1, api().get("/api/v1/clusters?group_id=" + GROUP).json().getJsonArray("clusters").size());
        // refusals name the field; another tenant cannot see the cluster
        Api.Reply bad = api().postJson("/api/v1/clusters/" + id + "/split", "{\"face_ids\":[\"" + UUID.randomUUID() + "\"]}");
        assertEquals(400, bad.status(), bad::toString);
        assertEquals("face_ids", bad.json().getJsonArray("invalid-params").getJsonObject(0).getString("name"));
        assertEquals(404, Api.admin().header("X-Tenant-ID", "someone-else").get("/api/v1/clusters/" + id).status());
        Api.Reply badParams = api().postJson("/cluster-faces", "{\"group_id\":\"" + GROUP + "\",\"min_faces\":1}");
        assertEquals(400, badParams.status(), badParams::toString);
        assertEquals("min_faces", badParams.json().getJsonArray("invalid-params").getJsonObject(0).getString("name"));
    }

    @Test
    @Order(5)
    void searchFiltersByGroupSiteAndDateAndNeverLeavesTheTenant() throws Exception {
        ingestOnce();
        byte[] img1 = Photos.bytes("img1.jpg");
        // a mirrored copy of img1 (a different picture to dedup) in another group and site, stored later
        Instant before = Instant.now();
        Api.Reply up = api().postMultipart("/api/v1/ingest", Map.of("group_id", "side", "site", "mirror.example"),
                "file", "mirror.jpg", "image/jpeg", mirrored(img1));
        assertEquals(202, up.status(), up::toString);
        IngestPipelineIT.awaitDone(TENANT, photos.size() + 1, Duration.ofMinutes(3));
        String mirror = Db.list("SELECT CAST(id AS text) FROM faces WHERE tenant_id = ? AND group_id = 'side'",
                rs -> rs.getString(1), TENANT).get(0);

        assertTrue(ids(search(Map.of("top_k", "30"))).contains(mirror), "no filter: every group");
        assertFalse(ids(search(Map.of("group_id", GROUP))).contains(mirror));
        assertEquals(List.of(mirror), ids(search(Map.of("group_id", "side"))));
        assertEquals(List.of(mirror), ids(search(Map.of("site", "mirror.example"))));
        assertEquals(List.of(mirror), ids(search(Map.of("from", before.toString()))));
        assertFalse(ids(search(Map.of("to", before.toString()))).contains(mirror));
        assertEquals(List.of(), ids(search(Map.of("group_id", "nobody"))));
        JsonObject top = search(Map.of("top_k", "3", "min_similarity", "0.5"));
        assertEquals(3, top.getJsonArray("matches").size());
        JsonObject first = top.getJsonArray("matches").getJsonObject(0);
        assertTrue(first.getBoolean("same_person"));
        assertEquals(GROUP, first.getString("group_id"));
        assertEquals(4, first.getJsonArray("bbox").size());
        assertTrue(first.getString("image_path").startsWith("raw-images/" + TENANT + "/"));
        assertEquals("/api/v1/gallery/faces/" + first.getString("face_id") + "/crop", first.getString("crop_url"));
        assertEquals(1, top.getJsonArray("query_faces").size());
        // an explicit ef_search takes the HNSW index even for this small tenant: the same people first
        JsonObject viaIndex = search(Map.of("group_id", GROUP, "top_k", "3", "ef_search", "40"));
        assertEquals(ids(search(Map.of("group_id", GROUP, "top_k", "3"))), ids(viaIndex));
        assertField(api().postMultipart("/search-face", Map.of("ef_search", "0"), "file", "img1.jpg", "image/jpeg",
                img1), 400, "ef_search");

        // the whole tenant (no group): every face, the mirrored copy included, clustered together
        JsonObject tenantWide = api().postJson("/cluster-faces", "{}").json();
        assertTrue(tenantWide.isNull("group_id"));
        Set<String> all = new HashSet<>();
        for (List<String> c : clusters(tenantWide)) {
            all.addAll(c);
        }
        tenantWide.getJsonArray("unclustered").forEach(f -> all.add(((jakarta.json.JsonString) f).getString()));
        assertEquals(photoOf.size() + 1, all.size(), "the group's faces and the mirrored one");
        assertQuality(ClusteringMetrics.evaluate(clusters(tenantWide), truth));
        String mirrorCluster = api().get("/api/v1/gallery/faces/" + mirror).json().getJsonArray("clusters")
                .getJsonObject(0).getString("cluster_id");
        String img1Face = photoOf.entrySet().stream().filter(e -> e.getValue().equals("img1.jpg")).findFirst()
                .orElseThrow().getKey();
        assertTrue(api().get("/api/v1/gallery/faces/" + img1Face).json().getJsonArray("clusters").stream()
                .anyMatch(m -> m.asJsonObject().getString("cluster_id").equals(mirrorCluster)),
                "the mirror image of img1 is clustered with img1 in the tenant-wide clustering");

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
        assertFalse(photoOf.containsKey(theirIds.get(0)));
        assertFalse(ids(search(Map.of("top_k", "1000"))).contains(theirIds.get(0)));
        assertEquals(404, Api.server().key(key).get("/api/v1/gallery/faces/" + mirror).status());
    }

    @Test
    @Order(6)
    void searchByEmbeddingEveryFaceAndCrops() throws Exception {
        ingestOnce();
        Api.Reply emb = api().postFile("/get-embedding", "file", "img1.jpg", "image/jpeg", Photos.bytes("img1.jpg"));
        assertEquals(200, emb.status(), emb::toString);
        JsonArray vector = emb.json().getJsonArray("embedding");
        assertEquals(128, vector.size());
        Api.Reply byVector = api().postJson("/api/v1/search-face", "{\"embedding\":" + vector + ",\"group_id\":\""
                + GROUP + "\",\"top_k\":5}");
        assertEquals(200, byVector.status(), byVector::toString);
        JsonObject best = byVector.json().getJsonArray("matches").getJsonObject(0);
        assertEquals("img1.jpg", photoOf.get(best.getString("face_id")));
        assertTrue(best.getJsonNumber("similarity").doubleValue() > 0.999);
        assertTrue(byVector.json().getJsonArray("query_faces").getJsonObject(0).isNull("bbox"));

        // base64 photo, every face: couple.jpg has two
        String b64 = Base64.getEncoder().encodeToString(Photos.bytes("couple.jpg"));
        JsonObject couple = api().postJson("/search-face", "{\"image\":\"" + b64 + "\",\"faces\":\"all\",\"top_k\":2,"
                + "\"group_id\":\"" + GROUP + "\"}").json();
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
        Api.Reply crop = api().getBytes(best.getString("crop_url"));
        assertEquals(200, crop.status());
        assertTrue(crop.contentType().startsWith("image/jpeg"), crop.contentType());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(crop.bytes()));
        assertTrue(image.getWidth() > 50);
        JsonObject face = api().get("/api/v1/gallery/faces/" + best.getString("face_id")).json();
        assertEquals(GROUP, face.getString("group_id"));
        assertEquals("faceapi-recognition@face-api-1.7.15", face.getString("model"));
        // its group's clustering and (since the earlier test asked for it) the tenant-wide one
        assertEquals(2, face.getJsonArray("clusters").size(), face::toString);
        assertTrue(face.getJsonArray("clusters").getJsonObject(0).isNull("group_id"));
        assertEquals(GROUP, face.getJsonArray("clusters").getJsonObject(1).getString("group_id"));
        assertEquals(404, api().get("/api/v1/gallery/faces/" + UUID.randomUUID()).status());
    }

    @Test
    @Order(7)
    void refusalsNameTheFieldAtFault() throws Exception {
        assertField(api().postMultipart("/search-face", Map.of("top_k", "0"), "file", "img1.jpg", "image/jpeg",
                Photos.bytes("img1.jpg")), 400, "top_k");
        assertField(api().postMultipart("/search-face", Map.of("faces", "some"), "file", "img1.jpg", "image/jpeg",
                Photos.bytes("img1.jpg")), 400, "faces");
        assertField(api().postMultipart("/search-face", Map.of("from", "yesterday"), "file", "img1.jpg",
                "image/jpeg", Photos.bytes("img1.jpg")), 400, "from");
        assertField(api().postFile("/search-face", "file", "note.txt", "text/plain", "hello".getBytes()), 400, "file");
        assertField(api().postFile("/search-face", "file", "blank.png", "image/png", blankPng()), 422, "file");
        assertField(api().postJson("/search-face", "{\"embedding\":[0.1,0.2,0.3]}"), 422, "embedding");
        assertField(api().postJson("/search-face", "{\"top_k\":3}"), 400, "image");
        assertField(api().postJson("/api/v1/search-face", "{\"embedding\":[1],\"model\":\"nope\"}"), 400, "model");
        assertEquals(401, Api.server().postJson("/search-face", "{\"top_k\":3}").status(), "the same keys as every route");
    }

    @Test
    @Order(8)
    void dedicatedIndexesServeTheSearchesOfTheirTenantAndSite() throws Exception {
        ingestOnce();
        String mirrorSite = "mirror.example";
        // the tenant's own graph, in its recogniser's size; searched by its searches once ready
        JsonObject tenantIndex = build("{\"tenant_id\":\"" + TENANT + "\"}");
        assertEquals(128, tenantIndex.getInt("dims"), tenantIndex::toString);
        assertEquals(Db.list("SELECT count(*) FROM faces WHERE tenant_id = ?", rs -> rs.getLong(1), TENANT).get(0),
                tenantIndex.getJsonNumber("faces").longValue(), "every face of the tenant, only those");
        String name = tenantIndex.getString("name");
        long before = scans(name);
        List<String> viaOwnGraph = ids(search(Map.of("group_id", GROUP, "top_k", "3", "ef_search", "40")));
        assertEquals(ids(search(Map.of("group_id", GROUP, "top_k", "3"))), viaOwnGraph, "the same people as exact search");
        Waits.until(Duration.ofSeconds(30), () -> scans(name), n -> n > before, "a search through " + name);

        // a site's own graph (the mirrored img1 of test 5, when it ran): the site's searches take it over the tenant's
        JsonObject siteIndex = build("{\"tenant_id\":\"" + TENANT + "\",\"site\":\"" + mirrorSite + "\"}");
        String site = siteIndex.getString("name");
        long siteBefore = scans(site);
        List<String> mirrored = Db.list("SELECT CAST(id AS text) FROM faces WHERE tenant_id = ? AND site = ?",
                rs -> rs.getString(1), TENANT, mirrorSite);
        assertEquals(mirrored, ids(search(Map.of("site", mirrorSite, "ef_search", "40"))));
        Waits.until(Duration.ofSeconds(30), () -> scans(site), n -> n > siteBefore, "a search through " + site);
        assertEquals(site, Api.admin().postJson("/api/v1/admin/search-indexes", "{\"tenant_id\":\"" + TENANT
                + "\",\"site\":\"" + mirrorSite + "\"}").json().getString("name"), "asking again: the same index");
        assertEquals(2, Api.admin().get("/api/v1/admin/search-indexes?tenant_id=" + TENANT).json().getJsonArray("indexes")
                .size());

        assertField(Api.admin().postJson("/api/v1/admin/search-indexes", "{\"site\":\"x\"}"), 400, "tenant_id");
        assertField(Api.admin().postJson("/api/v1/admin/search-indexes", "{\"tenant_id\":\"t\",\"dims\":7}"), 400, "dims");
        String tenantKey = AuthIT.issueTenantKey(TENANT).getString("secret");
        assertEquals(403, Api.server().key(tenantKey).get("/api/v1/admin/search-indexes").status(), "operators only");

        assertEquals(204, Api.admin().delete("/api/v1/admin/search-indexes?tenant_id=" + TENANT).status());
        assertEquals(204, Api.admin().delete("/api/v1/admin/search-indexes?tenant_id=" + TENANT + "&site=" + mirrorSite)
                .status());
        assertEquals(404, Api.admin().delete("/api/v1/admin/search-indexes?tenant_id=" + TENANT).status());
        assertEquals(List.of(), Db.list("SELECT relname FROM pg_class WHERE relname IN (?, ?)", rs -> rs.getString(1), name,
                site), "dropped");
        assertEquals(mirrored, ids(search(Map.of("site", mirrorSite, "ef_search", "40"))), "the shared graph again");
    }

    /** Asks for a dedicated index (202) and waits until it is no longer building; it must be ready. */
    static JsonObject build(String body) {
        Api.Reply r = Api.admin().postJson("/api/v1/admin/search-indexes", body);
        assertEquals(202, r.status(), r::toString);
        String name = r.json().getString("name");
        JsonObject index = Waits.until(Duration.ofMinutes(3), () -> Api.admin().get("/api/v1/admin/search-indexes?tenant_id="
                + TENANT).json().getJsonArray("indexes").stream().map(JsonValue::asJsonObject)
                .filter(i -> i.getString("name").equals(name)).findFirst().orElseThrow(),
                i -> !i.getString("state").equals("building"), name + " built");
        assertEquals("ready", index.getString("state"), index::toString);
        return index;
    }

    /** Index scans of the index so far (PostgreSQL's statistics, flushed by each backend within seconds). */
    static long scans(String index) {
        return Db.list("SELECT coalesce(sum(idx_scan), 0) FROM pg_stat_user_indexes WHERE indexrelname = ?",
                rs -> rs.getLong(1), index).get(0);
    }

    static void assertField(Api.Reply r, int status, String field) {
        assertEquals(status, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("application/problem+json"), r::toString);
        assertEquals(field, r.json().getJsonArray("invalid-params").getJsonObject(0).getString("name"), r::toString);
    }

    static void assertQuality(ClusteringMetrics.Report r) {
        assertTrue(r.purity() >= 0.95, "purity " + r);
        // within ±10 % of the true number of identities
        assertTrue(Math.abs(r.clusters() - r.identities()) <= 0.1 * r.identities(), "cluster count " + r);
    }

    static JsonObject search(Map<String, String> fields) {
        Api.Reply r = api().postMultipart("/search-face", fields, "file", "img1.jpg", "image/jpeg",
                Photos.bytes("img1.jpg"));
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    static List<String> ids(JsonObject searchReply) {
        List<String> out = new ArrayList<>();
        searchReply.getJsonArray("matches").forEach(m -> out.add(m.asJsonObject().getString("face_id")));
        return out;
    }

    static List<List<String>> clusters(JsonObject clusterFaces) {
        List<List<String>> out = new ArrayList<>();
        for (JsonValue c : clusterFaces.getJsonArray("clusters")) {
            List<String> ids = new ArrayList<>();
            c.asJsonObject().getJsonArray("face_ids").forEach(f -> ids.add(((jakarta.json.JsonString) f).getString()));
            out.add(ids);
        }
        return out;
    }

    static int hits(List<String> ranked, String identity, int r) {
        int hits = 0;
        for (int i = 0; i < Math.min(r, ranked.size()); i++) {
            hits += identity.equals(ranked.get(i)) ? 1 : 0;
        }
        return hits;
    }

    static synchronized void report(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println("[gallery] " + line);
        REPORT.append(line).append('\n');
        try {
            Path out = Path.of(System.getProperty("visage.root", ".")).resolve("target/gallery-quality.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, REPORT.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[] vector(String text) {
        String[] parts = text.substring(1, text.length() - 1).split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.parseFloat(parts[i]);
        }
        return v;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static byte[] mirrored(byte[] jpeg) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, w, h, w, 0, 0, h, null); // source x runs right to left: a mirror image
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "jpeg", bytes);
        return bytes.toByteArray();
    }

    static byte[] blankPng() throws IOException {
        BufferedImage image = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }
}
