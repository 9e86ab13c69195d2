package dev.visage.recognition.infrastructure;

import dev.visage.recognition.application.EnrolmentChange;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.Locale;

/** The management-topic message body (openapi/recognition-messages.schema.json, "gallery_change"). */
final class EnrolmentChangeJson {

    static final String TYPE_PROPERTY = "visage_change";

    private EnrolmentChangeJson() {
    }

    static String write(EnrolmentChange c) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("change", c.type().name().toLowerCase(Locale.ROOT))
                .add("origin", c.origin());
        if (c.companyId() != null) {
            b.add("company_id", c.companyId());
        }
        if (c.userId() != null) {
            b.add("user_id", c.userId());
        }
        if (c.faceId() != null) {
            b.add("face_id", c.faceId());
        }
        if (c.model() != null) {
            b.add("model", c.model());
        }
        if (c.embedding() != null) {
            JsonArrayBuilder a = Json.createArrayBuilder();
            for (float v : c.embedding()) {
                a.add(v);
            }
            b.add("embedding", a);
        }
        return b.build().toString();
    }

    static EnrolmentChange read(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject o = reader.readObject();
            EnrolmentChange.Type type = EnrolmentChange.Type.valueOf(o.getString("change").toUpperCase(Locale.ROOT));
            float[] embedding = null;
            if (o.containsKey("embedding")) {
                JsonArray a = o.getJsonArray("embedding");
                embedding = new float[a.size()];
                for (int i = 0; i < embedding.length; i++) {
                    embedding[i] = (float) a.getJsonNumber(i).doubleValue();
                }
            }
            return new EnrolmentChange(type, o.getString("company_id", null), o.getString("user_id", null),
                    o.getString("face_id", null), o.getString("model", null), embedding, o.getString("origin", "?"));
        }
    }
}
