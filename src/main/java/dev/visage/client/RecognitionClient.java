package dev.visage.client;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    private final ConnectionFactory factory;
    private final ClientConfig config;
    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private Connection connection;
    private Session sendSession;
    private MessageProducer producer;
    private TemporaryQueue replyQueue;

    public RecognitionClient(ConnectionFactory factory) {
        this(factory, ClientConfig.defaults());
    }

    public RecognitionClient(ConnectionFactory factory, ClientConfig config) {
        this.factory = factory;
        this.config = config;
    }

    // ------------------------------------------------------------------ management

    /** True when the company exists afterwards (created now or before). */
    public boolean createCompany(String companyId) {
        requireCompany(companyId);
        return bool(call(request("create_company").add("company_id", companyId)));
    }

    /** True when deleted with all its users and faces; false when it did not exist. */
    public boolean deleteCompany(String companyId) {
        requireCompany(companyId);
        return bool(call(request("delete_company").add("company_id", companyId)));
    }

    /** Enrols a new user with its first face (the largest face of the image); returns its embedding. */
    public float[] createUser(String companyId, String userId, String faceId, byte[] image) {
        return createUser(companyId, userId, faceId, base64(image));
    }

    public float[] createUser(String companyId, String userId, String faceId, String imageBase64) {
        requireCompany(companyId);
        require("user_id", userId);
        require("face_id", faceId);
        return vector(call(request("create_user").add("company_id", companyId).add("user_id", userId)
                .add("face_id", faceId).add("image_base64", imageBase64)).asJsonObject().getJsonArray("embedding"));
    }

    public float[] addFace(String companyId, String userId, String faceId, byte[] image) {
        return addFace(companyId, userId, faceId, base64(image));
    }

    public float[] addFace(String companyId, String userId, String faceId, String imageBase64) {
        requireCompany(companyId);
        require("user_id", userId);
        require("face_id", faceId);
        return vector(call(request("add_face").add("company_id", companyId).add("user_id", userId)
                .add("face_id", faceId).add("image_base64", imageBase64)).asJsonObject().getJsonArray("embedding"));
    }

    public boolean deleteUser(String companyId, String userId) {
        requireCompany(companyId);
        require("user_id", userId);
        return bool(call(request("delete_user").add("company_id", companyId).add("user_id", userId)));
    }

    public boolean deleteFace(String companyId, String userId, String faceId) {
        requireCompany(companyId);
        require("user_id", userId);
        require("face_id", faceId);
        return bool(call(request("delete_face").add("company_id", companyId).add("user_id", userId)
                .add("face_id", faceId)));
    }

    // ------------------------------------------------------------------ processing

    public Results.Recognition recognizeFace(String companyId, byte[] image) {
        return recognizeFace(companyId, base64(image));
    }

    public Results.Recognition recognizeFace(String companyId, String imageBase64) {
        requireCompany(companyId);
        JsonObject r = call(request("recognize_face").add("company_id", companyId).add("image_base64", imageBase64))
                .asJsonObject();
        return new Results.Recognition(r.isNull("user_id") ? null : r.getString("user_id"),
                r.getJsonNumber("confidence").doubleValue(), box(r.get("bbox")));
    }

    public Results.Detection detectFaces(byte[] image) {
        return detectFaces(base64(image));
    }

    public Results.Detection detectFaces(String imageBase64) {
        JsonObject r = call(request("detect_faces").add("image_base64", imageBase64)).asJsonObject();
        List<List<Integer>> boxes = new ArrayList<>();
        r.getJsonArray("bboxes").forEach(b -> boxes.add(box(b)));
        return new Results.Detection(r.getInt("faces_count"), boxes);
    }

    public Results.Embedding generateEmbedding(byte[] image) {
        return generateEmbedding(base64(image));
    }

    public Results.Embedding generateEmbedding(String imageBase64) {
        JsonObject r = call(request("generate_embedding").add("image_base64", imageBase64)).asJsonObject();
        return new Results.Embedding(vector(r.getJsonArray("embedding")), r.getString("model"));
    }

    public Results.Verification verifyFaces(byte[] image1, byte[] image2) {
        JsonObject r = call(request("verify_faces").add("image1_base64", base64(image1))
                .add("image2_base64", base64(image2))).asJsonObject();
        return new Results.Verification(r.getBoolean("match"), r.getJsonNumber("similarity").doubleValue());
    }

    public Results.Verification verifyUser(String companyId, String userId, byte[] image) {
        requireCompany(companyId);
        require("user_id", userId);
        JsonObject r = call(request("verify_user").add("company_id", companyId).add("user_id", userId)
                .add("image_base64", base64(image))).asJsonObject();
        return new Results.Verification(r.getBoolean("match"), r.getJsonNumber("similarity").doubleValue());
    }

    /** Face ids of the user; empty for an unknown user or company. */
    public List<String> getUserFaces(String companyId, String userId) {
        JsonObjectBuilder b = request("get_user_faces");
        if (companyId != null) {
            b.add("company_id", companyId);
        }
        if (userId != null) {
            b.add("user_id", userId);
        }
        List<String> ids = new ArrayList<>();
        call(b).asJsonArray().forEach(v -> ids.add(((jakarta.json.JsonString) v).getString()));
        return ids;
    }

    /** response_time_ms is the round trip measured here. */
    public Results.Health healthCheck() {
        long start = System.nanoTime();
        JsonObject r;
        try {
            r = call(request("health_check")).asJsonObject();
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
            r = call(request("get_cache_stats")).asJsonObject();
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

    private static JsonObjectBuilder request(String operation) {
        return Json.createObjectBuilder().add("operation", operation);
    }

    /** Sends the request and returns the reply's result, retrying timeouts and connection failures. */
    private JsonValue call(JsonObjectBuilder request) {
        String body = request.build().toString();
        int attempts = config.maxRetries() + 1;
        VisageClientException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                pause();
            }
            try {
                return result(exchange(body));
            } catch (ClientTimeoutException | ClientConnectionException e) {
                last = e;
            }
        }
        throw last;
    }

    private String exchange(String body) {
        String correlation = UUID.randomUUID().toString();
        CompletableFuture<String> reply = new CompletableFuture<>();
        pending.put(correlation, reply);
        try {
            synchronized (lock) {
                ensureConnected();
                TextMessage message = sendSession.createTextMessage(body);
                message.setJMSCorrelationID(correlation);
                message.setJMSReplyTo(replyQueue);
                producer.send(message, DeliveryMode.NON_PERSISTENT, Message.DEFAULT_PRIORITY,
                        config.timeout().toMillis());
            }
            return reply.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (JMSException e) {
            disconnect();
            throw new ClientConnectionException("Could not reach the broker: " + e.getMessage(), e);
        } catch (TimeoutException e) {
            throw new ClientTimeoutException("No reply within " + config.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new ClientConnectionException("Connection lost while waiting for the reply", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientTimeoutException("Interrupted while waiting for the reply");
        } finally {
            pending.remove(correlation);
        }
    }

    private void ensureConnected() throws JMSException {
        if (connection != null) {
            return;
        }
        Connection c = factory.createConnection();
        try {
            c.setExceptionListener(e -> {
                disconnect();
                pending.values().forEach(f -> f.completeExceptionally(e));
            });
            sendSession = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producer = sendSession.createProducer(sendSession.createQueue(config.requestQueue()));
            Session receiveSession = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            replyQueue = receiveSession.createTemporaryQueue();
            MessageConsumer consumer = receiveSession.createConsumer(replyQueue);
            consumer.setMessageListener(this::onReply);
            c.start();
            connection = c;
        } catch (JMSException e) {
            c.close();
            throw e;
        }
    }

    private void onReply(Message message) {
        try {
            CompletableFuture<String> future = pending.get(message.getJMSCorrelationID());
            if (future != null && message instanceof TextMessage text) {
                future.complete(text.getText());
            }
            // a reply nobody waits for belongs to an attempt that already timed out
        } catch (JMSException e) {
            pending.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    private void disconnect() {
        synchronized (lock) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (JMSException e) {
                    // closing a broken connection fails too; it is dropped either way
                    java.util.logging.Logger.getLogger(RecognitionClient.class.getName())
                            .fine(() -> "closing the connection: " + e);
                } finally {
                    connection = null;
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(config.retryDelay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientTimeoutException("Interrupted before retrying");
        }
    }

    private static JsonValue result(String reply) {
        JsonObject r;
        try (JsonReader reader = Json.createReader(new StringReader(reply))) {
            r = reader.readObject();
        }
        if ("ok".equals(r.getString("status", null))) {
            return r.get("result");
        }
        String error = r.getString("error", "unknown error");
        String type = r.getString("error_type", "internal");
        if ("validation".equals(type)) {
            throw new ClientValidationException(error);
        }
        throw new ProcessingException(error, type);
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
        disconnect();
    }
}
