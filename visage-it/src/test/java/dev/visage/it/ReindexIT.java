package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Re-indexing a tenant from faceapi (the configured recogniser) to faceres: the job re-embeds every
 * face from its crop while search keeps serving the faceapi vectors, stops at ready (auto_switch false),
 * then switches all faces at once; afterwards search, clustering and newly ingested faces use faceres.
 */
class ReindexIT {

    static final String FACEAPI = "faceapi-recognition@face-api-1.7.15";
    static final String FACERES = "faceres@human-models-3.0.4";
    static final String GROUP = "re";

    @Test
    void reEmbedsInTheBackgroundThenSwitchesAtOnce() throws Exception {
        String tenant = "reindex-" + UUID.randomUUID().toString().substring(0, 8);
        Api api = Api.admin().header("X-Tenant-ID", tenant);
        List<String> photos = List.of("img1.jpg", "img2.jpg", "img26.jpg", "img27.jpg", "img13.jpg", "img14.jpg");
        for (String photo : photos) {
            assertEquals(202, api.postMultipart("/api/v1/ingest", Map.of("group_id", GROUP), "file", photo, "image/jpeg",
                    Photos.bytes(photo)).status());
        }
        IngestPipelineIT.awaitDone(tenant, photos.size(), Duration.ofMinutes(5));
        long faces = Db.count("SELECT count(*) FROM faces WHERE tenant_id = ?", tenant);
        assertEquals(faces, models(tenant).get(FACEAPI));
        JsonObject before = search(api);
        assertEquals(FACEAPI, before.getString("model"));
        Set<String> angelina = Set.of(faceOf(tenant, "img1.jpg"), faceOf(tenant, "img2.jpg"));
        assertEquals(angelina, top2(before));
        assertEquals(3, api.postJson("/cluster-faces", "{\"group_id\":\"" + GROUP + "\"}").json()
                .getJsonArray("clusters").size());

        // refusals name the field; one job at a time
        assertEquals("model", api.postJson("/api/v1/gallery/reindex", "{\"model\":\"nope\"}").json()
                .getJsonArray("invalid-params").getJsonObject(0).getString("name"));
        assertEquals(400, api.postJson("/api/v1/gallery/reindex", "{\"model\":\"faceapi\"}").status(),
                "already embedded with faceapi");
        Api.Reply started = api.postJson("/api/v1/gallery/reindex", "{\"model\":\"faceres\",\"auto_switch\":false}");
        assertEquals(202, started.status(), started::toString);
        String job = started.json().getString("id");
        assertEquals(409, api.postJson("/api/v1/gallery/reindex", "{\"model\":\"mobileface\"}").status());
        JsonObject ready = awaitStatus(api, job, "ready");
        assertEquals(faces, ready.getInt("embedded"), ready::toString);
        assertEquals(0, ready.getInt("failed"));

        // ready, not switched: every face has its faceres vector aside, search still serves faceapi
        assertEquals(faces, models(tenant).get(FACEAPI));
        assertEquals(faces, Db.count("SELECT count(*) FROM face_embeddings e JOIN faces f ON f.id = e.face_id"
                + " WHERE f.tenant_id = ? AND e.model_name = 'faceres' AND e.embedding IS NOT NULL", tenant));
        JsonObject during = search(api);
        assertEquals(FACEAPI, during.getString("model"));
        assertEquals(angelina, top2(during));

        // switch: all at once
        assertEquals(202, api.postJson("/api/v1/gallery/reindex/" + job + "/switch", "{}").status());
        JsonObject done = awaitStatus(api, job, "completed");
        assertEquals(faces, done.getInt("switched"), done::toString);
        assertEquals(Map.of(FACERES, faces), models(tenant));
        assertEquals(faces, Db.count("SELECT count(*) FROM face_embeddings e JOIN faces f ON f.id = e.face_id"
                + " WHERE f.tenant_id = ? AND e.model_name = 'faceapi-recognition'", tenant), "the old vectors are kept");
        JsonObject after = search(api);
        assertEquals(FACERES, after.getString("model"));
        assertEquals(angelina, top2(after), "the same person first, now by faceres");
        JsonObject clusters = api.postJson("/cluster-faces", "{\"group_id\":\"" + GROUP + "\"}").json();
        assertEquals(FACERES, clusters.getString("model"));
        assertEquals(3, clusters.getJsonArray("clusters").size(), clusters::toString);

        // the tenant's new faces are embedded with faceres and join their person's cluster
        assertEquals(202, api.postMultipart("/api/v1/ingest", Map.of("group_id", GROUP), "file", "img4.jpg",
                "image/jpeg", Photos.bytes("img4.jpg")).status());
        IngestPipelineIT.awaitDone(tenant, photos.size() + 1, Duration.ofMinutes(3));
        assertEquals(Map.of(FACERES, faces + 1), models(tenant));
        String img4 = faceOf(tenant, "img4.jpg");
        Waits.until(Duration.ofMinutes(1), () -> api.get("/api/v1/gallery/faces/" + img4).json()
                .getJsonArray("clusters").size(), n -> n == 1, "the sweep to place the new face");
        String cluster = api.get("/api/v1/gallery/faces/" + img4).json().getJsonArray("clusters").getJsonObject(0)
                .getString("cluster_id");
        assertEquals(cluster, api.get("/api/v1/gallery/faces/" + faceOf(tenant, "img1.jpg")).json()
                .getJsonArray("clusters").getJsonObject(0).getString("cluster_id"));
        assertEquals(1, api.get("/api/v1/gallery/reindex").json().getJsonArray("jobs").size());
    }

    static JsonObject awaitStatus(Api api, String job, String status) {
        JsonObject last = Waits.until(Duration.ofMinutes(3), () -> api.get("/api/v1/gallery/reindex/" + job).json(),
                j -> j.getString("status").equals(status) || j.getString("status").equals("failed"), "job " + status);
        assertEquals(status, last.getString("status"), last::toString);
        return last;
    }

    static JsonObject search(Api api) {
        Api.Reply r = api.postMultipart("/search-face", Map.of("group_id", GROUP, "top_k", "3"), "file", "img1.jpg",
                "image/jpeg", Photos.bytes("img1.jpg"));
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    static Set<String> top2(JsonObject search) {
        return Set.of(search.getJsonArray("matches").getJsonObject(0).getString("face_id"),
                search.getJsonArray("matches").getJsonObject(1).getString("face_id"));
    }

    static Map<String, Long> models(String tenant) {
        Map<String, Long> out = new HashMap<>();
        Db.list("SELECT model_name || '@' || model_version, count(*) FROM faces WHERE tenant_id = ? GROUP BY 1",
                rs -> out.put(rs.getString(1), rs.getLong(2)), tenant);
        return out;
    }

    static String faceOf(String tenant, String photo) throws Exception {
        String sha = GalleryPhotos.sha256(Photos.bytes(photo));
        List<String> ids = Db.list("SELECT CAST(id AS text) FROM faces WHERE tenant_id = ? AND image_sha256 = ?"
                + " ORDER BY face_index", rs -> rs.getString(1), tenant, sha);
        assertTrue(!ids.isEmpty(), "a stored face of " + photo);
        return ids.get(0);
    }
}
