package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** MicroProfile Health and Metrics, including the broker going away and coming back. */
@Isolated("restarts the broker every class uses")
class HealthIT {

    static Map<String, String> checks(Api.Reply reply) {
        return reply.json().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c.getString("status")));
    }

    @Test
    void liveStartedAndReadyListEveryDependency() {
        assertEquals(200, Api.server().get("/health/live").status());
        assertEquals(200, Api.server().get("/health/started").status());
        Api.Reply ready = Waits.until(Duration.ofSeconds(60), () -> Api.server().get("/health/ready"),
                r -> r.status() == 200, "readiness");
        assertEquals(Map.of("database", "UP", "broker", "UP", "models", "UP", "storage", "UP"), checks(ready));
        JsonObject database = ready.json().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals("database")).findFirst().orElseThrow();
        assertEquals(Pins.pgvector(), database.getJsonObject("data").getString("pgvector"),
                "the extension version the database runs is the one scripts/postgres.sh pins: " + database);
    }

    @Test
    void readinessFollowsTheBrokerAndWorkResumesAfterItReturns() {
        Broker.script("stop");
        try {
            Api.Reply down = Waits.until(Duration.ofSeconds(30), () -> Api.server().get("/health/ready"),
                    r -> r.status() == 503, "readiness DOWN");
            assertEquals("DOWN", checks(down).get("broker"));
            assertEquals("UP", checks(down).get("database"));
        } finally {
            Broker.script("start");
        }
        Waits.until(Duration.ofSeconds(60), () -> Api.server().get("/health/ready"), r -> r.status() == 200,
                "readiness UP again");

        // The resource adapter reconnected by itself: new work flows end to end.
        Api.Reply accepted = Waits.until(Duration.ofSeconds(60),
                () -> Api.admin().postFile("/api/v1/images", "file", "img2.jpg", "image/jpeg", Photos.bytes("img2.jpg")),
                r -> r.status() == 202, "an upload accepted after the broker restart");
        JsonObject job = ImageJobIT.awaitFinal(Api.admin(), accepted.location());
        assertEquals("completed", job.getString("status"), job::toString);
    }

    @Test
    void metricsArePrometheusText() {
        Api.Reply metrics = Api.server().get("/metrics");
        assertEquals(200, metrics.status());
        assertTrue(metrics.contentType().startsWith("text/plain"), metrics.contentType());
        assertTrue(metrics.body().contains("visage_image_jobs_accepted_total"), "application metric present");
    }
}
