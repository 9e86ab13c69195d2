package dev.visage.batch.infrastructure.jms;

import dev.visage.batch.application.BatchDispatcher;
import dev.visage.shared.messaging.MalformedMessage;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.UUID;

/** The batch queue's message body: {@code {"job_id": uuid, "item_id": uuid, "tenant_id": "..."}}. */
final class BatchItemMessages {

    private BatchItemMessages() {
    }

    static String toJson(BatchDispatcher.ItemMessage m) {
        return Json.createObjectBuilder().add("job_id", m.jobId().toString()).add("item_id", m.itemId().toString())
                .add("tenant_id", m.tenantId()).build().toString();
    }

    /** The item id of a well-formed body. */
    static UUID itemId(String body) throws MalformedMessage {
        if (body == null || body.isBlank()) {
            throw new MalformedMessage("empty message body");
        }
        JsonObject o;
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            o = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new MalformedMessage("malformed JSON: " + e.getMessage());
        }
        if (!(o.get("item_id") instanceof JsonString id)) {
            throw new MalformedMessage("missing required field: item_id");
        }
        try {
            return UUID.fromString(id.getString());
        } catch (IllegalArgumentException e) {
            throw new MalformedMessage("item_id must be a UUID");
        }
    }
}
