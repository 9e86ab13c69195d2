package dev.visage.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.contracts.Field;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published JSON schemas state exactly the limits the code enforces ({@link Field}), so they cannot drift. */
class FieldSchemaTest {

    private static final List<Field> INGEST_FIELDS = List.of(Field.TENANT_ID, Field.BUCKET, Field.KEY, Field.SITE,
            Field.URL, Field.GROUP_ID);

    @Test
    void theIngestMessageSchemaStatesTheJavaLimits() throws IOException {
        JsonObject properties = schema("openapi/ingest-message.schema.json").getJsonObject("properties");
        for (Field field : INGEST_FIELDS) {
            JsonObject property = stringSchema(properties.getJsonObject(field.jsonName()));
            assertEquals(field.maxLength(), property.getInt("maxLength"), field + " maxLength");
            assertEquals(field.minLength(), property.getInt("minLength", 0), field + " minLength");
            assertEquals(field.pattern().orElse(null), property.getString("pattern", null), field + " pattern");
        }
        JsonObject hints = properties.getJsonObject("face_hints").getJsonArray("oneOf").getJsonObject(1);
        assertEquals(Field.FACE_HINTS_MAX_ITEMS, hints.getInt("maxItems"), "face_hints maxItems");
    }

    @Test
    void theRecognitionSchemaStatesTheIdLimits() throws IOException {
        JsonObject id = schema("openapi/recognition-messages.schema.json").getJsonObject("$defs").getJsonObject("id");
        for (Field field : List.of(Field.COMPANY_ID, Field.USER_ID, Field.FACE_ID)) {
            assertEquals(field.maxLength(), id.getInt("maxLength"), field + " maxLength");
            assertEquals(field.minLength(), id.getInt("minLength"), field + " minLength");
        }
    }

    @Test
    void violationsNameTheFieldAndTheRule() {
        assertEquals("site must be at most 255 characters (it has 2097152)",
                Field.SITE.violation("s".repeat(2 * 1024 * 1024)).orElseThrow());
        assertTrue(Field.SITE.violation("s".repeat(255)).isEmpty(), "at the limit is allowed");
        assertTrue(Field.SITE.violation("").isEmpty(), "site may be empty");
        assertEquals("group_id must not be empty", Field.GROUP_ID.violation(" ").orElseThrow());
        assertTrue(Field.BUCKET.violation("Raw_Images").orElseThrow().startsWith("bucket must be 3-63 characters"));
        assertEquals("bucket must be at least 3 characters", Field.BUCKET.violation("ab").orElseThrow());
        assertTrue(Field.TENANT_ID.isValid("a".repeat(64)));
        assertFalse(Field.TENANT_ID.isValid("a".repeat(65)));
        assertFalse(Field.TENANT_ID.isValid(null));
    }

    /** A property's string schema: itself, or the string branch of a {@code oneOf} with null. */
    private static JsonObject stringSchema(JsonObject property) {
        if (!property.containsKey("oneOf")) {
            return property;
        }
        return property.getJsonArray("oneOf").getValuesAs(JsonObject.class).stream()
                .filter(o -> "string".equals(o.getString("type", ""))).findFirst().orElseThrow();
    }

    private static JsonObject schema(String path) throws IOException {
        try (Reader in = Files.newBufferedReader(Path.of(path)); JsonReader reader = Json.createReader(in)) {
            return reader.readObject();
        }
    }
}
