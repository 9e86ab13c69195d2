package dev.visage.ingest.application;

import dev.visage.contracts.ingest.IngestMessage;
import dev.visage.contracts.Field;
import dev.visage.shared.json.JsonText;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses and validates ingest messages. Every refusal names the field and the rule, since
 * the reason travels with the dead letter.
 */
public final class IngestMessages {

    public static final List<String> REQUIRED = List.of("image_sha256", "bucket", "key", "tenant_id", "site", "url",
            "image_phash");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern PHASH = Pattern.compile("[0-9a-fA-F]{16}");

    private IngestMessages() {
    }

    /** A message that can never be processed: dead-letter it at once. */
    public static final class InvalidMessage extends Exception {
        public InvalidMessage(String reason) {
            super(reason);
        }
    }

    public static IngestMessage parse(String json) throws InvalidMessage {
        if (json == null || json.isBlank()) {
            throw new InvalidMessage("empty message body");
        }
        JsonValue value;
        try {
            value = JsonText.parse(json);
        } catch (JsonText.Malformed e) {
            throw new InvalidMessage("malformed JSON: " + e.getMessage());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidMessage("malformed message: the body must be a JSON object, not " + value.getValueType());
        }
        return from(value.asJsonObject());
    }

    public static IngestMessage from(JsonObject o) throws InvalidMessage {
        List<String> missing = new ArrayList<>();
        for (String field : REQUIRED) {
            if (!o.containsKey(field) || o.isNull(field)) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidMessage("missing required fields: " + String.join(", ", missing));
        }
        String sha = string(o, "image_sha256");
        if (!SHA256.matcher(sha).matches()) {
            throw new InvalidMessage("image_sha256 must be 64 hex characters");
        }
        String phash = string(o, "image_phash");
        if (!PHASH.matcher(phash).matches()) {
            throw new InvalidMessage("image_phash must be 16 hex characters");
        }
        String tenant = checked(o, Field.TENANT_ID);
        String bucket = checked(o, Field.BUCKET);
        String key = checked(o, Field.KEY);
        String site = checked(o, Field.SITE);
        String url = checked(o, Field.URL);
        return new IngestMessage(sha.toLowerCase(), bucket, key, tenant, site, url, phash.toLowerCase(), hints(o),
                groupId(o));
    }

    /** The field as a string within its limits ({@link Field}); the reason names the field. */
    private static String checked(JsonObject o, Field field) throws InvalidMessage {
        String value = string(o, field.jsonName());
        Optional<String> violation = field.violation(value);
        if (violation.isPresent()) {
            throw new InvalidMessage(violation.get());
        }
        return value;
    }

    private static String string(JsonObject o, String field) throws InvalidMessage {
        JsonValue v = o.get(field);
        if (!(v instanceof JsonString s)) {
            throw new InvalidMessage(field + " must be a string");
        }
        return s.getString();
    }

    private static String groupId(JsonObject o) throws InvalidMessage {
        if (!o.containsKey("group_id") || o.isNull("group_id")) {
            return null;
        }
        return checked(o, Field.GROUP_ID);
    }

    private static List<IngestMessage.FaceHint> hints(JsonObject o) throws InvalidMessage {
        if (!o.containsKey("face_hints") || o.isNull("face_hints")) {
            return null;
        }
        if (!(o.get("face_hints") instanceof JsonArray array)) {
            throw new InvalidMessage("face_hints must be null or an array");
        }
        if (array.size() > Field.FACE_HINTS_MAX_ITEMS) {
            throw new InvalidMessage("face_hints must have at most " + Field.FACE_HINTS_MAX_ITEMS + " entries (it has "
                    + array.size() + ")");
        }
        List<IngestMessage.FaceHint> hints = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonObject hint)) {
                throw new InvalidMessage("face_hints[" + i + "] must be an object {bbox, confidence}");
            }
            if (!(hint.get("bbox") instanceof JsonArray box) || box.size() != 4) {
                throw new InvalidMessage("face_hints[" + i + "].bbox must be [x, y, w, h]");
            }
            List<Double> bbox = new ArrayList<>();
            for (int j = 0; j < 4; j++) {
                if (!(box.get(j) instanceof JsonNumber n) || n.doubleValue() < 0) {
                    throw new InvalidMessage("face_hints[" + i + "].bbox[" + j + "] must be a number >= 0");
                }
                bbox.add(n.doubleValue());
            }
            if (bbox.get(2) <= 0 || bbox.get(3) <= 0) {
                throw new InvalidMessage("face_hints[" + i + "].bbox width and height must be > 0");
            }
            Double confidence = null;
            if (hint.containsKey("confidence") && !hint.isNull("confidence")) {
                if (!(hint.get("confidence") instanceof JsonNumber c) || c.doubleValue() < 0 || c.doubleValue() > 1) {
                    throw new InvalidMessage("face_hints[" + i + "].confidence must be a number in [0, 1]");
                }
                confidence = c.doubleValue();
            }
            hints.add(new IngestMessage.FaceHint(List.copyOf(bbox), confidence));
        }
        return List.copyOf(hints);
    }

    public static String toJson(IngestMessage m) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("image_sha256", m.imageSha256()).add("bucket", m.bucket()).add("key", m.key())
                .add("tenant_id", m.tenantId()).add("site", m.site()).add("url", m.url())
                .add("image_phash", m.imagePhash());
        if (m.groupId() != null) {
            b.add("group_id", m.groupId());
        }
        if (m.faceHints() == null) {
            b.addNull("face_hints");
        } else {
            JsonArrayBuilder hints = Json.createArrayBuilder();
            for (IngestMessage.FaceHint h : m.faceHints()) {
                JsonArrayBuilder box = Json.createArrayBuilder();
                h.bbox().forEach(box::add);
                JsonObjectBuilder hint = Json.createObjectBuilder().add("bbox", box);
                if (h.confidence() == null) {
                    hint.addNull("confidence");
                } else {
                    hint.add("confidence", h.confidence());
                }
                hints.add(hint);
            }
            b.add("face_hints", hints);
        }
        return b.build().toString();
    }
}
