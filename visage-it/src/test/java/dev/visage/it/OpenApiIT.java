package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document checked into openapi/ must equal the one the server serves.
 * After an intended API change, refresh it with {@code -Dvisage.openapi.update=true}.
 */
class OpenApiIT {

    @Test
    void checkedInDocumentEqualsTheServedOne() throws IOException {
        Api.Reply served = Api.server().get("/openapi");
        assertEquals(200, served.status());
        Path file = Path.of(System.getProperty("visage.root", ".")).resolve("openapi/openapi.yaml");
        if (Boolean.getBoolean("visage.openapi.update")) {
            Files.writeString(file, served.body(), StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), "openapi/openapi.yaml is missing; run with -Dvisage.openapi.update=true");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), served.body(),
                "openapi/openapi.yaml drifted from the served document; review the change and refresh it "
                        + "with ./visage test -Dit.test=OpenApiIT -Dvisage.openapi.update=true");
    }
}
