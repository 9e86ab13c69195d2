package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visage.dedup.application.HashBands;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The in-memory near-duplicate index sees rows other instances write: a dedup row inserted
 * straight into the table (as another Liberty would) after the tenant is loaded is found as
 * a near duplicate once a catch-up (every second) has run.
 */
class DedupIT {

    static void ingest(String tenant, String photo) {
        Api.Reply r = IngestPipelineIT.tenant(tenant).postMultipart("/api/v1/ingest", Map.of("group_id", "dedup"), "file",
                photo, "image/jpeg", Photos.bytes(photo));
        assertEquals(202, r.status(), r::toString);
    }

    static JsonObject stats(String tenant) {
        return Api.admin().get("/api/v1/admin/dedup/stats?tenant_id=" + tenant).json();
    }

    @Test
    void aRowWrittenByAnotherInstanceIsANearDuplicateAfterTheCatchUp() throws SQLException, InterruptedException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String tenant = "dedup-" + suffix;
        String probe = "dedup-probe-" + suffix;
        // img2's pHash, learnt from a tenant of its own
        ingest(probe, "img2.jpg");
        IngestPipelineIT.awaitDone(probe, 1, Duration.ofMinutes(3));
        long phash = Db.count("SELECT phash FROM dedup_images WHERE tenant_id = ?", probe);

        // the tenant's first lookup loads its index (img1: no near duplicate)
        ingest(tenant, "img1.jpg");
        IngestPipelineIT.awaitDone(tenant, 1, Duration.ofMinutes(3));
        assertEquals(0, stats(tenant).getJsonNumber("image_hits").longValue());
        Thread.sleep(2_000);  // the background load

        // "another instance" remembers a re-encoding of img2 (1 bit away)
        long other = phash ^ 1L;
        String sha = "e".repeat(64);
        try (Connection c = Db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO dedup_images (tenant_id,"
                + " image_sha256, phash, canonical_sha256, key0, key1, key2, created_at, expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, now(), now() + interval '1 hour')")) {
            ps.setString(1, tenant);
            ps.setString(2, sha);
            ps.setLong(3, other);
            ps.setString(4, sha);
            for (int b = 0; b < 3; b++) {
                ps.setLong(5 + b, HashBands.key(tenant, HashBands.band(other, b)));
            }
            ps.executeUpdate();
        }
        Thread.sleep(2_000);  // two catch-up intervals

        ingest(tenant, "img2.jpg");
        IngestPipelineIT.awaitDone(tenant, 2, Duration.ofMinutes(3));
        JsonObject s = stats(tenant);
        assertEquals(2, s.getJsonNumber("image_checks").longValue(), s::toString);
        assertEquals(1, s.getJsonNumber("image_hits").longValue(), "img2 matched the other instance's row: " + s);

        // a flush elsewhere (straight in the table) is seen too: the tenant is reloaded without the row
        try (Connection c = Db.connect(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM dedup_images WHERE tenant_id = ?")) {
            ps.setString(1, tenant);
            ps.executeUpdate();
        }
        ingest(tenant, "img2.jpg");
        IngestPipelineIT.awaitDone(tenant, 3, Duration.ofMinutes(3));
        s = stats(tenant);
        assertEquals(1, s.getJsonNumber("image_hits").longValue(), "a deleted row is never a hit: " + s);
    }
}
