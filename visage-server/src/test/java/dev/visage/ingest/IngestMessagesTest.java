package dev.visage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.contracts.ingest.IngestMessage;
import dev.visage.ingest.application.IngestMessages;
import org.junit.jupiter.api.Test;

class IngestMessagesTest {

    static final String SHA = "a".repeat(64);

    static String message(String sha, String phash, String hints) {
        return "{\"image_sha256\":\"" + sha + "\",\"bucket\":\"raw-images\",\"key\":\"demo/a.jpg\",\"tenant_id\":\"demo\","
                + "\"site\":\"example.com\",\"url\":\"https://example.com/a.jpg\",\"image_phash\":\"" + phash + "\","
                + "\"face_hints\":" + hints + "}";
    }

    @Test
    void parsesTheRunbookExample() throws Exception {
        IngestMessage m = IngestMessages.parse(message(SHA, "8f373c9c3c9c3c1e",
                "[{\"bbox\":[100,150,200,250],\"confidence\":0.98}]"));
        assertEquals("demo", m.tenantId());
        assertEquals(1, m.faceHints().size());
        assertEquals(200.0, m.faceHints().get(0).bbox().get(2));
        assertEquals(0.98, m.faceHints().get(0).confidence());
        assertNull(IngestMessages.parse(message(SHA, "8f373c9c3c9c3c1e", "null")).faceHints());
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        IngestMessage m = IngestMessages.parse(message(SHA, "8F373C9C3C9C3C1E", "[{\"bbox\":[1,2,3,4],\"confidence\":null}]"));
        assertEquals(m, IngestMessages.parse(IngestMessages.toJson(m)));
        assertEquals("8f373c9c3c9c3c1e", m.imagePhash(), "hex is normalised to lower case");
        assertNull(m.groupId());
        IngestMessage grouped = IngestMessages.parse(message(SHA, "8f373c9c3c9c3c1e", "null").replace("}", ",\"group_id\":\"wedding-2026\"}"));
        assertEquals("wedding-2026", grouped.groupId());
        assertEquals(grouped, IngestMessages.parse(IngestMessages.toJson(grouped)));
    }

    @Test
    void refusalsNameTheFieldAndTheRule() {
        assertReason("malformed JSON", "{\"image_sha256\": \"abc\"");
        assertReason("missing required fields: bucket, key, tenant_id, site, url, image_phash", "{\"image_sha256\":\"" + SHA + "\"}");
        assertReason("image_sha256 must be 64 hex characters", message("abc123def456", "8f373c9c3c9c3c1e", "null"));
        assertReason("image_phash must be 16 hex characters", message(SHA, "xyz", "null"));
        assertReason("face_hints[0].bbox must be [x, y, w, h]", message(SHA, "8f373c9c3c9c3c1e", "[{\"bbox\":[1,2,3]}]"));
        assertReason("face_hints[0].confidence must be a number in [0, 1]",
                message(SHA, "8f373c9c3c9c3c1e", "[{\"bbox\":[1,2,3,4],\"confidence\":3}]"));
        assertReason("face_hints must be null or an array", message(SHA, "8f373c9c3c9c3c1e", "5"));
        assertReason("malformed message: the body must be a JSON object", "[1,2]");
        assertReason("empty message body", " ");
        assertReason("group_id must not be empty", message(SHA, "8f373c9c3c9c3c1e", "null").replace("}", ",\"group_id\":\"\"}"));
        assertReason("image_sha256 must be a string", "{\"image_sha256\":5,\"bucket\":\"b\",\"key\":\"k\",\"tenant_id\":\"t\","
                + "\"site\":\"s\",\"url\":\"u\",\"image_phash\":\"8f373c9c3c9c3c1e\"}");
    }

    @Test
    void fieldsOverTheirColumnsAreRefusedNamingTheField() throws Exception {
        String ok = message(SHA, "8f373c9c3c9c3c1e", "null");
        assertEquals(255, IngestMessages.parse(ok.replace("example.com", "s".repeat(255))).site().length());
        assertReason("site must be at most 255 characters", ok.replace("\"example.com\"", "\"" + "s".repeat(2 << 20) + "\""));
        assertReason("url must be at most 2048 characters", ok.replace("https://example.com/a.jpg", "u".repeat(2049)));
        assertReason("key must be at most 1024 characters", ok.replace("demo/a.jpg", "k".repeat(1025)));
        assertReason("bucket must be 3-63 characters", ok.replace("raw-images", "Raw_Images"));
        assertReason("tenant_id must be at most 64 characters", ok.replace("\"demo\"", "\"" + "t".repeat(65) + "\""));
        String hint = "{\"bbox\":[1,2,3,4]}";
        String hundred = String.join(",", java.util.Collections.nCopies(100, hint));
        assertEquals(100, IngestMessages.parse(message(SHA, "8f373c9c3c9c3c1e", "[" + hundred + "]")).faceHints().size());
        assertReason("face_hints must have at most 100 entries", message(SHA, "8f373c9c3c9c3c1e", "[" + hundred + "," + hint + "]"));
    }

    private static void assertReason(String expectedStart, String json) {
        IngestMessages.InvalidMessage e = assertThrows(IngestMessages.InvalidMessage.class, () -> IngestMessages.parse(json));
        assertTrue(e.getMessage().startsWith(expectedStart), () -> "reason was: " + e.getMessage());
    }
}
