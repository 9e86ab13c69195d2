package dev.visage.recognition.infrastructure;

import dev.visage.contracts.recognition.Operation;
import dev.visage.recognition.application.EnrolmentService;
import dev.visage.recognition.application.Images;
import dev.visage.recognition.application.RecognitionException;
import dev.visage.recognition.application.RecognitionQueries;
import dev.visage.recognition.application.RecognitionService;
import dev.visage.shared.json.JsonText;
import dev.visage.shared.messaging.MalformedMessage;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import java.util.Map;
import java.util.Optional;

/**
 * The request-queue contract (openapi/recognition-messages.schema.json): one JSON
 * request with an {@code operation} in, one JSON reply out,
 * {@code {"status":"ok","result":...}} or {@code {"status":"error","error":"<kiosk text>","error_type":...}}.
 */
@ApplicationScoped
public class RecognitionRequests {

    private final EnrolmentService enrolment;
    private final RecognitionService recognition;
    private final RecognitionQueries queries;
    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES).withNullValues(true));

    @Inject
    public RecognitionRequests(EnrolmentService enrolment, RecognitionService recognition, RecognitionQueries queries) {
        this.enrolment = enrolment;
        this.recognition = recognition;
        this.queries = queries;
    }

    /** For CDI proxies only. */
    protected RecognitionRequests() {
        this(null, null, null);
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not close JSON-B", e);
        }
    }

    /** Parses the request; a malformed one is a validation error for the client. */
    JsonObject parse(String body) throws MalformedMessage {
        JsonValue value;
        try {
            value = JsonText.parse(body);
        } catch (JsonText.Malformed e) {
            throw new MalformedMessage("malformed JSON: " + e.getMessage());
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedMessage("the request must be a JSON object");
        }
        return value.asJsonObject();
    }

    /** Runs the operation and renders the reply; a {@link RecognitionException} becomes an error reply. */
    String handle(JsonObject request) {
        try {
            return "{\"status\":\"ok\",\"result\":" + jsonb.toJson(run(request)) + "}";
        } catch (RecognitionException e) {
            return error(e.getMessage(), e.kind().code());
        }
    }

    static String error(String message, String type) {
        return Json.createObjectBuilder().add("status", "error").add("error", message).add("error_type", type)
                .build().toString();
    }

    private Object run(JsonObject r) {
        String name = text(r, "operation");
        if (name == null) {
            throw RecognitionException.validation("operation is required");
        }
        Operation operation = Operation.fromWireName(name)
                .orElseThrow(() -> RecognitionException.validation("unknown operation " + name));
        return switch (operation) {
            case CREATE_COMPANY -> {
                enrolment.createCompany(text(r, "company_id"));
                yield Boolean.TRUE;
            }
            case DELETE_COMPANY -> enrolment.deleteCompany(text(r, "company_id"));
            case CREATE_USER -> enrolment.createUser(text(r, "company_id"), text(r, "user_id"), text(r, "face_id"),
                    image(r, "image_base64"));
            case ADD_FACE -> enrolment.addFace(text(r, "company_id"), text(r, "user_id"), text(r, "face_id"),
                    image(r, "image_base64"));
            case DELETE_USER -> enrolment.deleteUser(text(r, "company_id"), text(r, "user_id"));
            case DELETE_FACE -> enrolment.deleteFace(text(r, "company_id"), text(r, "user_id"), text(r, "face_id"));
            case GET_USER_FACES -> queries.userFaces(text(r, "company_id"), text(r, "user_id"));
            case RECOGNIZE_FACE -> recognition.recognize(text(r, "company_id"), image(r, "image_base64"));
            case DETECT_FACES -> recognition.detect(image(r, "image_base64"));
            case GENERATE_EMBEDDING -> recognition.embedding(image(r, "image_base64"));
            case VERIFY_FACES -> recognition.verify(image(r, "image1_base64"), image(r, "image2_base64"));
            case VERIFY_USER -> recognition.verifyUser(text(r, "company_id"), text(r, "user_id"),
                    image(r, "image_base64"));
            case HEALTH_CHECK -> queries.health();
            case GET_CACHE_STATS -> queries.cacheStats(Optional.ofNullable(text(r, "company_id")));
        };
    }

    private static String text(JsonObject r, String field) {
        JsonValue v = r.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        throw RecognitionException.validation(field + " must be a string");
    }

    private static byte[] image(JsonObject r, String field) {
        return Images.fromBase64(field, text(r, field));
    }

    /** Used by the listener for the few replies it renders itself. */
    String json(Map<String, Object> value) {
        return jsonb.toJson(value);
    }
}
