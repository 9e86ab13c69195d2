package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** /ready in the runbook's shape, public; /stats in the runbook's shape; stats as MP Metrics; admin endpoints. */
class ReadyIT {

    @Test
    void readyHasTheRunbookShapeWithoutAKey() {
        Api.Reply r = Waits.until(Duration.ofSeconds(60), () -> Api.server().get("/ready"), x -> x.status() == 200, "ready");
        JsonObject body = r.json();
        assertTrue(body.getBoolean("ready"));
        assertEquals("ok", body.getString("reason"));
        JsonObject checks = body.getJsonObject("checks");
        for (String check : new String[] {"models", "storage", "vector_db", "queue", "dedup_cache"}) {
            assertEquals("healthy", checks.getString(check), check);
        }
    }

    @Test
    void statsAreServedInTheRunbookShapeAndAsMetrics() {
        JsonObject stats = Api.admin().get("/stats").json();
        assertTrue(stats.containsKey("counters") && stats.containsKey("timings_ms"), stats::toString);
        for (String c : new String[] {"images_total", "faces_detected", "faces_processed", "faces_rejected",
                "faces_dup_skipped", "worker_msgs_acked", "worker_msgs_dlq"}) {
            assertTrue(stats.getJsonObject("counters").containsKey(c), c);
        }
        assertEquals(401, Api.server().get("/api/v1/stats").status(), "stats need a key");
        String metrics = Api.server().get("/metrics?scope=application").body();
        assertTrue(metrics.contains("visage_pipeline_worker_msgs_acked"), "MicroProfile Metrics gauge");
        assertTrue(metrics.contains("visage_pipeline_stage_p95_ms"));

        JsonObject dedup = Api.admin().get("/api/v1/admin/dedup/stats").json();
        assertTrue(dedup.getBoolean("enabled"));
        assertEquals(8, dedup.getInt("max_hamming"));
        assertEquals(204, Api.admin().delete("/api/v1/admin/stats?tenant_id=nobody-here").status());
    }
}
