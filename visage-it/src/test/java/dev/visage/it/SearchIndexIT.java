package dev.visage.it;

import static dev.visage.it.GalleryPhotos.assertField;
import static dev.visage.it.GalleryPhotos.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * V18_1: the faces of every recogniser size are searched through a valid half-precision HNSW index with the
 * graph parameters the search benchmark chose (docs/BENCHMARKS.md "Search"), and the full-precision indexes it
 * replaced are gone (inserts would otherwise maintain two graphs); and the private cluster keeps the graphs in
 * memory (scripts/postgres.sh). Dedicated indexes: a tenant's and a site's own graph, built on request and taken by
 * their searches.
 */
class SearchIndexIT {

    @Test
    void facesAreIndexedInHalfPrecisionForEveryRecogniserSize() {
        Waits.until(Duration.ofSeconds(60), () -> Api.server().get("/ready"), x -> x.status() == 200, "ready");
        List<String> hnsw = Db.list("SELECT c.relname || ' ' || i.indisvalid || ' ' || pg_get_indexdef(i.indexrelid)"
                + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam"
                + " WHERE i.indrelid = 'faces'::regclass AND a.amname = 'hnsw' ORDER BY 1", rs -> rs.getString(1));
        assertEquals(5, hnsw.size(), hnsw::toString);
        for (int dims : new int[] {128, 192, 256, 512, 1024}) {
            String name = "faces_embedding_" + dims + "_halfvec";
            String index = hnsw.stream().filter(d -> d.startsWith(name + " ")).findFirst().orElseThrow(
                    () -> new AssertionError("no " + name + " in " + hnsw));
            assertTrue(index.startsWith(name + " true "), "valid: " + index);
            assertTrue(index.contains("((embedding)::halfvec(" + dims + ")) halfvec_cosine_ops"), index);
            assertTrue(index.contains("m='24'") && index.contains("ef_construction='64'"), index);
            assertTrue(index.contains("WHERE (vector_dims(embedding) = " + dims + ")"), index);
        }
    }

    @Test
    void thePrivateClusterKeepsTheGraphsInMemoryAndBuildsThemInMemory() {
        assertEquals(List.of("2GB"), Db.list("SELECT current_setting('shared_buffers')", rs -> rs.getString(1)));
        assertEquals(List.of("2GB"), Db.list("SELECT current_setting('maintenance_work_mem')", rs -> rs.getString(1)));
        // (pg_prewarm's autoprewarm is not visible to the application's role: its log line says "autoprewarm
        // successfully prewarmed N of N previously-loaded blocks" after a restart)
    }

    @Test
    void dedicatedIndexesServeTheSearchesOfTheirTenantAndSite() throws IOException {
        String tenant = "dedicated-" + UUID.randomUUID().toString().substring(0, 8);
        String group = "deepface";
        String mirrorSite = "mirror.example";
        Api api = GalleryPhotos.api(tenant);
        for (String photo : List.of("img1.jpg", "img2.jpg", "img3.jpg", "couple.jpg")) {
            assertEquals(202, api.postMultipart("/api/v1/ingest", Map.of("group_id", group), "file", photo, "image/jpeg",
                    Photos.bytes(photo)).status());
        }
        assertEquals(202, api.postMultipart("/api/v1/ingest", Map.of("group_id", "side", "site", mirrorSite), "file",
                "mirror.jpg", "image/jpeg", GalleryPhotos.mirrored(Photos.bytes("img1.jpg"))).status());
        IngestPipelineIT.awaitDone(tenant, 5, Duration.ofMinutes(3));

        // the tenant's own graph, in its recogniser's size; searched by its searches once ready
        JsonObject tenantIndex = build(tenant, "{\"tenant_id\":\"" + tenant + "\"}");
        assertEquals(128, tenantIndex.getInt("dims"), tenantIndex::toString);
        assertEquals(Db.list("SELECT count(*) FROM faces WHERE tenant_id = ?", rs -> rs.getLong(1), tenant).get(0),
                tenantIndex.getJsonNumber("faces").longValue(), "every face of the tenant, only those");
        String name = tenantIndex.getString("name");
        long before = scans(name);
        List<String> viaOwnGraph = ids(search(api, Map.of("group_id", group, "top_k", "3", "ef_search", "40")));
        assertEquals(ids(search(api, Map.of("group_id", group, "top_k", "3"))), viaOwnGraph, "the same as exact search");
        Waits.until(Duration.ofSeconds(30), () -> scans(name), n -> n > before, "a search through " + name);

        // a site's own graph: the site's searches take it over the tenant's
        JsonObject siteIndex = build(tenant, "{\"tenant_id\":\"" + tenant + "\",\"site\":\"" + mirrorSite + "\"}");
        String site = siteIndex.getString("name");
        long siteBefore = scans(site);
        List<String> mirrored = Db.list("SELECT CAST(id AS text) FROM faces WHERE tenant_id = ? AND site = ?",
                rs -> rs.getString(1), tenant, mirrorSite);
        assertEquals(1, mirrored.size());
        assertEquals(mirrored, ids(search(api, Map.of("site", mirrorSite, "ef_search", "40"))));
        Waits.until(Duration.ofSeconds(30), () -> scans(site), n -> n > siteBefore, "a search through " + site);
        assertEquals(site, Api.admin().postJson("/api/v1/admin/search-indexes", "{\"tenant_id\":\"" + tenant
                + "\",\"site\":\"" + mirrorSite + "\"}").json().getString("name"), "asking again: the same index");
        assertEquals(2, Api.admin().get("/api/v1/admin/search-indexes?tenant_id=" + tenant).json().getJsonArray("indexes")
                .size());

        assertField(Api.admin().postJson("/api/v1/admin/search-indexes", "{\"site\":\"x\"}"), 400, "tenant_id");
        assertField(Api.admin().postJson("/api/v1/admin/search-indexes", "{\"tenant_id\":\"t\",\"dims\":7}"), 400,
                "dims");
        String tenantKey = AuthIT.issueTenantKey(tenant).getString("secret");
        assertEquals(403, Api.server().key(tenantKey).get("/api/v1/admin/search-indexes").status(), "operators only");

        assertEquals(204, Api.admin().delete("/api/v1/admin/search-indexes?tenant_id=" + tenant).status());
        assertEquals(204, Api.admin().delete("/api/v1/admin/search-indexes?tenant_id=" + tenant + "&site=" + mirrorSite)
                .status());
        assertEquals(404, Api.admin().delete("/api/v1/admin/search-indexes?tenant_id=" + tenant).status());
        assertEquals(List.of(), Db.list("SELECT relname FROM pg_class WHERE relname IN (?, ?)", rs -> rs.getString(1),
                name, site), "dropped");
        assertEquals(mirrored, ids(search(api, Map.of("site", mirrorSite, "ef_search", "40"))), "the shared graph again");
    }

    /** Asks for a dedicated index (202) and waits until it is no longer building; it must be ready. */
    static JsonObject build(String tenant, String body) {
        Api.Reply r = Api.admin().postJson("/api/v1/admin/search-indexes", body);
        assertEquals(202, r.status(), r::toString);
        String name = r.json().getString("name");
        JsonObject index = Waits.until(Duration.ofMinutes(3), () -> Api.admin().get("/api/v1/admin/search-indexes"
                + "?tenant_id=" + tenant).json().getJsonArray("indexes").stream().map(JsonValue::asJsonObject)
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

    static JsonObject search(Api api, Map<String, String> fields) {
        Api.Reply r = api.postMultipart("/search-face", fields, "file", "img1.jpg", "image/jpeg", Photos.bytes("img1.jpg"));
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }
}
