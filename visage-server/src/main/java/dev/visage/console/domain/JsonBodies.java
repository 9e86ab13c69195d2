package dev.visage.console.domain;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import java.util.Optional;

/** Message bodies for people: JSON objects and arrays re-indented; anything else is left as it is. */
public final class JsonBodies {

    private JsonBodies() {
    }

    public static Optional<String> pretty(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        char first = body.strip().charAt(0);
        if (first != '{' && first != '[') {
            return Optional.empty();
        }
        JsonStructure value;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            value = reader.read();
        } catch (JsonException e) {
            // Not JSON (often the very reason it was dead-lettered): shown raw.
            return Optional.empty();
        }
        StringWriter out = new StringWriter();
        try (JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.write(value);
        }
        return Optional.of(out.toString().strip());
    }
}
