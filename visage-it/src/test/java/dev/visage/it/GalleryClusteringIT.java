package dev.visage.it;

import static dev.visage.it.GalleryPhotos.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.gallery.ClusteringMetrics;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Clustering of the deepface photos ({@link GalleryPhotos}, a tenant of its own) against the acceptance bounds:
 * incrementally as the faces arrive, the digest service's {@code /cluster-faces} shape, a full re-cluster that keeps
 * people's corrections (name, split, move, merge), and the tenant-wide clustering across groups.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GalleryClusteringIT {

    private static GalleryPhotos gallery;

    static synchronized GalleryPhotos gallery() throws IOException {
        if (gallery == null) {
            gallery = GalleryPhotos.ingest("clusters");
        }
        return gallery;
    }

    @Test
    @Order(1)
    void incrementalClusteringPlacesEveryFaceAsItArrives() throws Exception {
        GalleryPhotos g = gallery();
        long stored = g.photoOf().size();
        Waits.until(Duration.ofMinutes(3), () -> Db.count("SELECT count(*) FROM gallery_faces g JOIN gallery_scopes s"
                + " ON s.id = g.scope_id WHERE s.tenant_id = ? AND s.group_id = ?", g.tenant(), g.group()),
                n -> n >= stored, "the sweep to place all " + stored + " faces");
        // the clusters as the sweep left them (GET does not re-cluster)
        JsonArray list = g.api().get("/api/v1/clusters?group_id=" + g.group() + "&limit=1000").json().getJsonArray("clusters");
        List<List<String>> clusters = new ArrayList<>();
        for (JsonValue c : list) {
            JsonObject details = g.api().get("/api/v1/clusters/" + c.asJsonObject().getString("cluster_id")).json();
            List<String> faces = new ArrayList<>();
            details.getJsonArray("faces").forEach(f -> faces.add(f.asJsonObject().getString("face_id")));
            assertEquals(c.asJsonObject().getInt("size"), faces.size());
            clusters.add(faces);
        }
        ClusteringMetrics.Report r = ClusteringMetrics.evaluate(clusters, g.truth());
        report("incremental clustering (as the faces arrived): %s", r);
        assertQuality(r);
    }

    @Test
    @Order(2)
    void clusterFacesAnswersTheDigestServiceShape() throws Exception {
        GalleryPhotos g = gallery();
        Api.Reply reply = g.api().postJson("/cluster-faces", g.groupBody());
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
            assertTrue(o.getJsonArray("image_paths").getString(0).startsWith("raw-images/" + g.tenant() + "/"));
            o.getJsonArray("face_ids").forEach(f -> assertTrue(seen.add(((jakarta.json.JsonString) f).getString())));
        }
        body.getJsonArray("unclustered").forEach(f -> assertTrue(seen.add(((jakarta.json.JsonString) f).getString())));
        assertEquals(g.photoOf().keySet(), seen, "every face of the group exactly once");
        assertEquals(2, body.getInt("min_faces"));
        ClusteringMetrics.Report r = ClusteringMetrics.evaluate(clusters, g.truth());
        report("POST /cluster-faces (incremental state + catch-up): %s; unclustered %d; min_similarity %s",
                r, body.getJsonArray("unclustered").size(), body.getJsonNumber("min_similarity"));
        assertQuality(r);
        // the same under /api/v1
        assertEquals(body.getJsonArray("clusters").size(), g.api().postJson("/api/v1/cluster-faces",
                g.groupBody()).json().getJsonArray("clusters").size());
    }

    @Test
    @Order(3)
    void aFullReClusterMeetsTheAcceptanceAndKeepsPeoplesCorrections() throws Exception {
        GalleryPhotos g = gallery();
        Api.Reply run = g.api().postJson("/api/v1/clusters/recluster", g.groupBody());
        assertEquals(200, run.status(), run::toString);
        JsonObject full = g.api().postJson("/cluster-faces", g.groupBody()).json();
        assertNotNull(full.getString("reclustered_at"));
        ClusteringMetrics.Report r = ClusteringMetrics.evaluate(clusters(full), g.truth());
        report("full re-cluster: %s (report %s)", r, run.body());
        assertQuality(r);

        // name the largest cluster, split a face off it, move it back, merge two others
        JsonObject largest = full.getJsonArray("clusters").getJsonObject(0);
        String id = largest.getString("cluster_id");
        Api.Reply named = g.api().send("PATCH", "/api/v1/clusters/" + id, "{\"name\":\"Person A\"}");
        assertEquals(200, named.status(), named::toString);
        assertEquals("Person A", named.json().getString("name"));
        String face = largest.getJsonArray("face_ids").getString(1);
        Api.Reply split = g.api().postJson("/api/v1/clusters/" + id + "/split", "{\"face_ids\":[\"" + face + "\"]}");
        assertEquals(201, split.status(), split::toString);
        String splitId = split.json().getString("cluster_id");
        assertEquals(1, split.json().getInt("size"));
        assertEquals(largest.getInt("size") - 1, g.api().get("/api/v1/clusters/" + id).json()
                .getJsonObject("cluster").getInt("size"));
        JsonObject details = g.api().get("/api/v1/gallery/faces/" + face).json();
        assertEquals(splitId, details.getJsonArray("clusters").getJsonObject(0).getString("cluster_id"));
        // people's placements survive a re-cluster: the split-off face stays apart, the name stays
        assertEquals(200, g.api().postJson("/api/v1/clusters/recluster", g.groupBody()).status());
        assertEquals(splitId, g.api().get("/api/v1/gallery/faces/" + face).json().getJsonArray("clusters")
                .getJsonObject(0).getString("cluster_id"));
        assertEquals("Person A", g.api().get("/api/v1/clusters/" + id).json().getJsonObject("cluster").getString("name"));
        // move it back
        Api.Reply moved = g.api().postJson("/api/v1/clusters/" + id + "/faces", "{\"face_ids\":[\"" + face + "\"]}");
        assertEquals(200, moved.status(), moved::toString);
        assertEquals(largest.getInt("size"), moved.json().getInt("size"));
        assertEquals(404, g.api().get("/api/v1/clusters/" + splitId).status(), "an emptied cluster is gone");
        // merge the two smallest into the second largest
        JsonArray all = g.api().get("/api/v1/clusters?group_id=" + g.group()).json().getJsonArray("clusters");
        JsonObject into = all.getJsonObject(1);
        JsonObject other = all.getJsonObject(all.size() - 1);
        Api.Reply merged = g.api().postJson("/api/v1/clusters/" + into.getString("cluster_id") + "/merge",
                "{\"cluster_ids\":[\"" + other.getString("cluster_id") + "\"]}");
        assertEquals(200, merged.status(), merged::toString);
        assertEquals(into.getInt("size") + other.getInt("size"), merged.json().getInt("size"));
        assertEquals(all.size() - 1, g.api().get("/api/v1/clusters?group_id=" + g.group()).json().getJsonArray("clusters").size());
        // refusals name the field; another tenant cannot see the cluster
        Api.Reply bad = g.api().postJson("/api/v1/clusters/" + id + "/split", "{\"face_ids\":[\"" + UUID.randomUUID() + "\"]}");
        assertEquals(400, bad.status(), bad::toString);
        assertEquals("face_ids", bad.json().getJsonArray("invalid-params").getJsonObject(0).getString("name"));
        assertEquals(404, Api.admin().header("X-Tenant-ID", "someone-else").get("/api/v1/clusters/" + id).status());
        Api.Reply badParams = g.api().postJson("/cluster-faces", "{\"group_id\":\"" + g.group() + "\",\"min_faces\":1}");
        assertEquals(400, badParams.status(), badParams::toString);
        assertEquals("min_faces", badParams.json().getJsonArray("invalid-params").getJsonObject(0).getString("name"));
    }


    @Test
    @Order(4)
    void theWholeTenantIsClusteredAcrossItsGroups() throws Exception {
        GalleryPhotos g = gallery();
        GalleryPhotos.Mirror mirror = g.uploadMirror("mirror.example");
        // the whole tenant (no group): every face, the mirrored copy of img1 in group "side" included
        JsonObject tenantWide = g.api().postJson("/cluster-faces", "{}").json();
        assertTrue(tenantWide.isNull("group_id"));
        Set<String> all = new HashSet<>();
        for (List<String> c : clusters(tenantWide)) {
            all.addAll(c);
        }
        tenantWide.getJsonArray("unclustered").forEach(f -> all.add(((jakarta.json.JsonString) f).getString()));
        assertEquals(g.photoOf().size() + 1, all.size(), "the group's faces and the mirrored one");
        assertQuality(ClusteringMetrics.evaluate(clusters(tenantWide), g.truth()));
        String mirrorCluster = g.api().get("/api/v1/gallery/faces/" + mirror.face()).json().getJsonArray("clusters")
                .getJsonObject(0).getString("cluster_id");
        JsonObject img1 = g.api().get("/api/v1/gallery/faces/" + g.faceOf("img1.jpg")).json();
        assertTrue(img1.getJsonArray("clusters").stream()
                .anyMatch(m -> m.asJsonObject().getString("cluster_id").equals(mirrorCluster)),
                "the mirror image of img1 is clustered with img1 in the tenant-wide clustering");
        // a face's record names both clusterings it is in: the tenant-wide one first, then its group's
        assertEquals(2, img1.getJsonArray("clusters").size(), img1::toString);
        assertTrue(img1.getJsonArray("clusters").getJsonObject(0).isNull("group_id"));
        assertEquals(g.group(), img1.getJsonArray("clusters").getJsonObject(1).getString("group_id"));
    }

    static void assertQuality(ClusteringMetrics.Report r) {
        assertTrue(r.purity() >= 0.95, "purity " + r);
        // within ±10 % of the true number of identities
        assertTrue(Math.abs(r.clusters() - r.identities()) <= 0.1 * r.identities(), "cluster count " + r);
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
}
