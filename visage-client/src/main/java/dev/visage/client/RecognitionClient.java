package dev.visage.client;

import dev.visage.contracts.recognition.Operation;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageProducer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Visage recognition over Jakarta Messaging: the Java counterpart of the kiosk
 * {@code MessageProducer} (create_company ... get_cache_stats). Works with any
 * {@link ConnectionFactory} (Artemis' {@code ActiveMQConnectionFactory}, an application
 * server's pooled factory...). Requests go to {@code visage.recognition.requests} with
 * JMSReplyTo (one temporary queue per client) and a fresh JMSCorrelationID per attempt.
 * Thread-safe; close it when done. Needs a Jakarta JSON Processing implementation at run time.
 *
 * <p>A timed-out attempt is retried {@link ClientConfig#maxRetries()} times. As with the
 * kiosk producer, retrying a management operation whose first attempt did complete late
 * can answer e.g. "User already exists".
 */
public class RecognitionClient implements AutoCloseable {

    private final ReplyTransport transport;

    public RecognitionClient(ConnectionFactory factory) {
        this(factory, ClientConfig.defaults());
    }

    public RecognitionClient(ConnectionFactory factory, ClientConfig config) {
        this.transport = new ReplyTransport(factory, config);
    }

    // ------------------------------------------------------------------ management

    /** True when the company exists afterwards (created now or before). */
    public boolean createCompany(String companyId) {
        requireCompany(companyId);
        return bool(transport.call(request(Operation.CREATE_COMPANY).add("company_id", companyId)));
    }

    /** True when deleted with all its users and faces; false when it did not exist. */
    public boolean deleteCompany(String companyId) {
        requireCompany(companyId);
        return bool(transport.call(request(Operation.DELETE_COMPANY).add("company_id", companyId)));
    }

    /** Enrols a new user with its first face (the largest face of the image); returns its embedding. */
    public float[] createUser(String companyId, String userId, String faceId, byte[] image) {
        return createUser(companyId, userId, faceId, base64(image));
    }

    public float[] createUser(String companyId, String userId, String faceId, String imageBase64) {
        requireCompany(companyId);
        require("user_id", userId);
        require("face_id", faceId);
        return vector(transport.call(request(Operation.CREATE_USER).add("company_id", companyId).add("user_id", userId)
                .add("face_id", faceId).add("image_base64", imageBase64)).asJsonObject().getJsonArray("embedding"));
    }

    public float[] addFace(String companyId, String userId, String faceId, byte[] image) {
        return addFace(companyId, userId, faceId, base64(image));
    }

    public float[] addFace(String companyId, String userId, String faceId, String imageBase64) {
        requireCompany(companyId);
        require("user_id", userId);
        require("face_id", faceId);
        return vector(transport.call(request(Operation.ADD_FACE).add("company_id", companyId).add("user_id", userId)
                .add("face_id", faceId).add("image_base64", imageBase64)).asJsonObject().getJsonArray("embedding"));
    }

    public boolean deleteUser(String companyId, String userId) {
        requireCompany(companyId);
        require("user_id", userId);
        return bool(transport.call(request(Operation.DELETE_USER).add("company_id", companyId).add("user_id", userId)));
    }

    public boolean deleteFace(String companyId, String userId, String faceId) {
        requireCompany(companyId);
        require("user_id", userId);
        require("face_id", faceId);
        return bool(transport.call(request(Operation.DELETE_FACE).add("company_id", companyId).add("user_id", userId)
                .add("face_id", faceId)));
    }

    // ------------------------------------------------------------------ processing

    public Results.Recognition recognizeFace(String companyId, byte[] image) {
        return recognizeFace(companyId, base64(image));
    }

    public Results.Recognition recognizeFace(String companyId, String imageBase64) {
        requireCompany(companyId);
        JsonObject r = transport.call(request(Operation.RECOGNIZE_FACE).add("company_id", companyId).add("image_base64", imageBase64))
                .asJsonObject();
        return new Results.Recognition(r.isNull("user_id") ? null : r.getString("user_id"),
                r.getJsonNumber("confidence").doubleValue(), box(r.get("bbox")));
    }

    public Results.Detection detectFaces(byte[] image) {
        return detectFaces(base64(image));
    }

    public Results.Detection detectFaces(String imageBase64) {
        JsonObject r = transport.call(request(Operation.DETECT_FACES).add("image_base64", imageBase64)).asJsonObject();
        List<List<Integer>> boxes = new ArrayList<>();
        r.getJsonArray("bboxes").forEach(b -> boxes.add(box(b)));
        return new Results.Detection(r.getInt("faces_count"), boxes);
    }

    public Results.Embedding generateEmbedding(byte[] image) {
        return generateEmbedding(base64(image));
    }

    public Results.Embedding generateEmbedding(String imageBase64) {
        JsonObject r = transport.call(request(Operation.GENERATE_EMBEDDING).add("image_base64", imageBase64)).asJsonObject();
        return new Results.Embedding(vector(r.getJsonArray("embedding")), r.getString("model"));
    }

    public Results.Verification verifyFaces(byte[] image1, byte[] image2) {
        JsonObject r = transport.call(request(Operation.VERIFY_FACES).add("image1_base64", base64(image1))
                .add("image2_base64", base64(image2))).asJsonObject();
        return new Results.Verification(r.getBoolean("match"), r.getJsonNumber("similarity").doubleValue());
    }

    public Results.Verification verifyUser(String companyId, String userId, byte[] image) {
        requireCompany(companyId);
        require("user_id", userId);
        JsonObject r = transport.call(request(Operation.VERIFY_USER).add("company_id", companyId).add("user_id", userId)
                .add("image_base64", base64(image))).asJsonObject();
        return new Results.Verification(r.getBoolean("match"), r.getJsonNumber("similarity").doubleValue());
    }

    /** Face ids of the user; empty for an unknown user or company. */
    public List<String> getUserFaces(String companyId, String userId) {
        JsonObjectBuilder b = request(Operation.GET_USER_FACES);
        if (companyId != null) {
            b.add("company_id", companyId);
        }
        if (userId != null) {
            b.add("user_id", userId);
        }
        List<String> ids = new ArrayList<>();
        transport.call(b).asJsonArray().forEach(v -> ids.add(((jakarta.json.JsonString) v).getString()));
        return ids;
    }

    /** response_time_ms is the round trip measured here. */
    public Results.Health healthCheck() {
        long start = System.nanoTime();
        JsonObject r;
        try {
            r = transport.call(request(Operation.HEALTH_CHECK)).asJsonObject();
        } catch (ClientTimeoutException e) {
            throw new ClientTimeoutException("Health check timed out");
        }
        double ms = (System.nanoTime() - start) / 1e6;
        JsonObject worker = r.getJsonObject("worker_info");
        return new Results.Health(r.getString("status"), ms, worker.getString("worker_id"),
                worker.getJsonNumber("uptime_seconds").longValue());
    }

    public Results.CacheStats getCacheStats() {
        JsonObject r;
        try {
            r = transport.call(request(Operation.GET_CACHE_STATS)).asJsonObject();
        } catch (ClientTimeoutException e) {
            throw new ClientTimeoutException("Stats request timed out");
        }
        Map<String, Results.CompanyCounts> info = new LinkedHashMap<>();
        r.getJsonObject("cache_info").forEach((k, v) -> info.put(k, new Results.CompanyCounts(
                v.asJsonObject().getJsonNumber("users").longValue(), v.asJsonObject().getJsonNumber("faces").longValue())));
        return new Results.CacheStats(r.getString("worker_id"), r.getInt("companies_count"),
                r.getJsonNumber("users_count").longValue(), r.getJsonNumber("faces_count").longValue(),
                r.getJsonNumber("embeddings_count").longValue(), r.getJsonNumber("uptime_seconds").longValue(),
                r.getJsonNumber("total_tasks_processed").longValue(), info);
    }

    // ------------------------------------------------------------------ transport

    private static JsonObjectBuilder request(Operation operation) {
        return Json.createObjectBuilder().add("operation", operation.wireName());
    }

    private static boolean bool(JsonValue v) {
        return v == JsonValue.TRUE;
    }

    private static float[] vector(JsonArray a) {
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((JsonNumber) a.get(i)).doubleValue();
        }
        return v;
    }

    private static List<Integer> box(JsonValue v) {
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        List<Integer> box = new ArrayList<>(4);
        v.asJsonArray().forEach(n -> box.add(((JsonNumber) n).intValue()));
        return box;
    }

    private static String base64(byte[] image) {
        if (image == null) {
            throw new ClientValidationException("image cannot be null");
        }
        return Base64.getEncoder().encodeToString(image);
    }

    private static void requireCompany(String companyId) {
        if (companyId == null || companyId.isBlank()) {
            throw new ClientValidationException("Company ID cannot be empty");
        }
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ClientValidationException(field + " cannot be empty");
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
