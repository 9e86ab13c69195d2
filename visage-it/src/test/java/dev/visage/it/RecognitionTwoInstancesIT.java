package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Two Liberty instances on one broker and one database: a change made through instance 1
 * reaches instance 2's gallery cache through the management topic. The acceptance asks for
 * "within one second"; the wait below is that second, measured on instance 2's cache
 * (cache-stats), so that the photo's inference time does not count against the fan-out.
 */
@Isolated("waits the kiosk's one second for the fan-out to a second instance; others' load would blur it")
class RecognitionTwoInstancesIT {

    static final Duration FAN_OUT = Duration.ofMillis(Long.getLong("visage.test.fan-out-ms", 1000));

    static SecondInstance second;

    @BeforeAll
    static void startSecond() {
        second = SecondInstance.start();
    }

    @AfterAll
    static void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    static long faces(Api api, String company) {
        JsonObject info = api.header("X-API-Key", Api.ADMIN_KEY).get("/api/v1/cache-stats").json()
                .getJsonObject("cache_info");
        return info.containsKey(company) ? info.getJsonObject(company).getJsonNumber("faces").longValue() : -1;
    }

    @Test
    void anEnrolmentOnInstanceOneIsRecognisedByInstanceTwo() {
        Api two = second.api().header("X-API-Key", Api.ADMIN_KEY);
        String w1 = Api.admin().get("/api/v1/cache-stats").json().getString("worker_id");
        String w2 = two.get("/api/v1/cache-stats").json().getString("worker_id");
        assertNotEquals(w1, w2, "two distinct instances");

        String c = RecognitionRestIT.newCompany();
        Api.Reply enrolled = RecognitionRestIT.enrol(c, "ann", "f1", RecognitionRestIT.PERSON);
        assertEquals(201, enrolled.status(), enrolled::toString);
        long start = System.nanoTime();
        Waits.until(FAN_OUT, () -> faces(second.api(), c), n -> n == 1, "instance 2 to hold the new face");
        System.out.printf("fan-out to instance 2: %.0f ms (polled every 250 ms)%n", (System.nanoTime() - start) / 1e6);

        JsonObject r = two.postJson("/api/v1/companies/" + c + "/recognize",
                "{\"image\":\"" + TestImages.base64(Photos.bytes(RecognitionRestIT.SAME_PERSON)) + "\"}").json();
        assertEquals("ann", r.getString("user_id"), r::toString);

        // and back: a deletion through instance 2 reaches instance 1
        assertEquals(204, two.delete("/api/v1/companies/" + c + "/users/ann").status());
        Waits.until(FAN_OUT, () -> faces(Api.server(), c), n -> n == 0, "instance 1 to drop the face");
        JsonObject gone = RecognitionRestIT.recognize(c, Photos.bytes(RecognitionRestIT.SAME_PERSON)).json();
        assertTrue(gone.isNull("user_id"), gone::toString);
        assertEquals(204, two.delete("/api/v1/companies/" + c).status());
        Waits.until(FAN_OUT, () -> faces(Api.server(), c), n -> n == -1, "instance 1 to drop the company");
    }
}
