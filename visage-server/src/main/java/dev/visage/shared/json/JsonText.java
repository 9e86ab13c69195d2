package dev.visage.shared.json;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Optional;

/**
 * Parses JSON text that a client or a queue sent, and says why it is not JSON. The one place
 * for this, because Parsson reports nesting deeper than its limit (1000) as a plain
 * RuntimeException rather than a JsonException: a caller that catches only JsonException turns
 * {@code [[[[...]]]]} into a 500 or a redelivery loop instead of a refusal.
 */
public final class JsonText {

    private JsonText() {
    }

    /** The value of {@code text}, or {@link Malformed} with the parser's reason. */
    public static JsonValue parse(String text) throws Malformed {
        try (JsonReader reader = Json.createReader(new StringReader(text == null ? "" : text))) {
            return reader.readValue();
        } catch (JsonException e) {
            throw new Malformed(e.getMessage());
        } catch (RuntimeException e) {
            throw new Malformed(Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()));
        }
    }

    /** The text is not JSON, or not JSON the parser accepts; the message says why. */
    public static final class Malformed extends Exception {
        public Malformed(String reason) {
            super(reason);
        }
    }
}
