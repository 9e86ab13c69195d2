package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The kiosk's start-up loading: an instance started with DATA_SOURCE=LOCAL_FILE (DATA_FILE) or
 * DATA_SOURCE=API (API_URL, API_TIMEOUT) imports that data before it serves, and the people in it
 * are recognised. The data is a real export of an enrolled person.
 */
@ResourceLock(SuiteLocks.SECOND_INSTANCE)
class InitialDataIT {

    @Test
    void anInstanceStartedWithLocalFileOrApiLoadsThatData() throws IOException {
        String fromFile = "boot-file-" + UUID.randomUUID().toString().substring(0, 8);
        String fromApi = "boot-api-" + UUID.randomUUID().toString().substring(0, 8);
        String fileData = exportedCompany(fromFile);
        String apiData = exportedCompany(fromApi);

        Path file = Files.createTempFile("visage-initial-data", ".json");
        Files.writeString(file, fileData);
        try (SecondInstance second = SecondInstance.start(Map.of("DATA_SOURCE", "LOCAL_FILE", "DATA_FILE", file.toString()))) {
            assertRecognises(second.api(), fromFile);
        } finally {
            Files.deleteIfExists(file);
        }

        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/kiosk-data", exchange -> {
            byte[] body = apiData.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        api.start();
        try (SecondInstance second = SecondInstance.start(Map.of("DATA_SOURCE", "API", "API_TIMEOUT", "5",
                "API_URL", "http://127.0.0.1:" + api.getAddress().getPort() + "/kiosk-data"))) {
            assertRecognises(second.api(), fromApi);
        } finally {
            api.stop(0);
        }
    }

    /** Enrols one person in a new company, exports it, then deletes the company: the data exists only in the export. */
    private static String exportedCompany(String company) {
        assertEquals(201, Api.admin().postJson("/api/v1/companies", "{\"company_id\":\"" + company + "\"}").status());
        assertEquals(201, RecognitionRestIT.enrol(company, "ann", "f1", RecognitionRestIT.PERSON).status());
        Api.Reply export = Api.admin().get("/api/v1/admin/recognition/export?company_id=" + company);
        assertEquals(200, export.status(), export::toString);
        assertEquals(204, Api.admin().delete("/api/v1/companies/" + company).status());
        assertTrue(!Api.admin().get("/api/v1/cache-stats").json().getJsonObject("cache_info").containsKey(company),
                "gone before the instance starts");
        return export.body();
    }

    private static void assertRecognises(Api instance, String company) {
        JsonObject cache = instance.key(Api.ADMIN_KEY).get("/api/v1/cache-stats").json().getJsonObject("cache_info");
        assertTrue(cache.containsKey(company), () -> company + " loaded at start-up: " + cache);
        Api.Reply r = instance.key(Api.ADMIN_KEY).postJson("/api/v1/companies/" + company + "/recognize",
                "{\"image\":\"" + TestImages.base64(Photos.bytes(RecognitionRestIT.SAME_PERSON)) + "\"}");
        assertEquals(200, r.status(), r::toString);
        assertEquals("ann", r.json().getString("user_id"), r::toString);
    }
}
