package dev.visage.console.infrastructure;

import dev.visage.console.application.BrokerManagement;
import dev.visage.console.application.BrokerManagementException;
import dev.visage.console.application.BrokerMessage;
import dev.visage.console.application.QueueStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.management.ObjectName;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Artemis management through its Jolokia (JMX over HTTP) endpoint, the same API the
 * Artemis web console uses. Queue MBeans are
 * {@code org.apache.activemq.artemis:broker="<name>",component=addresses,address="<a>",subcomponent=queues,routing-type="<t>",queue="<q>"}.
 */
@ApplicationScoped
public class JolokiaBrokerManagement implements BrokerManagement {

    private static final List<String> QUEUE_ATTRIBUTES = List.of("Name", "Address", "RoutingType", "Paused",
            "MessageCount", "ConsumerCount", "DeliveringCount", "ScheduledCount", "MessagesAdded",
            "MessagesAcknowledged", "MessagesExpired", "MessagesKilled");
    /** How browse() returns a message's properties: one map per value type. */
    private static final List<String> PROPERTY_GROUPS = List.of("StringProperties", "IntProperties",
            "LongProperties", "ShortProperties", "ByteProperties", "BooleanProperties", "DoubleProperties",
            "FloatProperties");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI endpoint;
    private final String authorization;
    private final String brokerName;
    private final HttpClient http;

    @Inject
    public JolokiaBrokerManagement(@ConfigProperty(name = "visage.broker.host") String host,
                                   @ConfigProperty(name = "visage.broker.http-port") int httpPort,
                                   @ConfigProperty(name = "visage.broker.user") String user,
                                   @ConfigProperty(name = "visage.broker.password") String password,
                                   @ConfigProperty(name = "visage.broker.name") String brokerName) {
        this.endpoint = URI.create("http://" + host + ":" + httpPort + "/console/jolokia/");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.brokerName = brokerName;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    /** For CDI proxies only. */
    protected JolokiaBrokerManagement() {
        this.endpoint = null;
        this.authorization = null;
        this.brokerName = null;
        this.http = null;
    }

    @Override
    public List<QueueStats> queues(String addressPrefix) {
        JsonArrayBuilder attributes = Json.createArrayBuilder();
        QUEUE_ATTRIBUTES.forEach(attributes::add);
        String pattern = "org.apache.activemq.artemis:broker=" + ObjectName.quote(brokerName)
                + ",component=addresses,address=*,subcomponent=queues,routing-type=*,queue=*";
        JsonValue value = call(Json.createObjectBuilder().add("type", "read").add("mbean", pattern)
                .add("attribute", attributes));
        List<QueueStats> queues = new ArrayList<>();
        for (JsonValue mbean : value.asJsonObject().values()) {
            JsonObject a = mbean.asJsonObject();
            String address = a.getString("Address", "");
            if (!address.startsWith(addressPrefix)) {
                continue;
            }
            queues.add(new QueueStats(a.getString("Name", ""), address, a.getString("RoutingType", ""),
                    a.getBoolean("Paused", false), longOf(a, "MessageCount"), (int) longOf(a, "ConsumerCount"),
                    longOf(a, "DeliveringCount"), longOf(a, "ScheduledCount"), longOf(a, "MessagesAdded"),
                    longOf(a, "MessagesAcknowledged"), longOf(a, "MessagesExpired"), longOf(a, "MessagesKilled")));
        }
        return queues;
    }

    @Override
    public List<BrokerMessage> browse(String queue, int page, int pageSize) {
        JsonValue value = exec(queue, "browse(int,int,java.lang.String)",
                Json.createArrayBuilder().add(page).add(pageSize).addNull());
        List<BrokerMessage> messages = new ArrayList<>();
        for (JsonValue m : value.asJsonArray()) {
            messages.add(message(m.asJsonObject()));
        }
        return messages;
    }

    @Override
    public long countMessages(String queue) {
        return ((JsonNumber) exec(queue, "countMessages()", Json.createArrayBuilder())).longValue();
    }

    @Override
    public Map<String, Long> countMessagesBy(String queue, String property) {
        JsonValue value = exec(queue, "countMessages(java.lang.String,java.lang.String)",
                Json.createArrayBuilder().addNull().add(property));
        Map<String, Long> counts = new TreeMap<>();
        parse(((JsonString) value).getString()).asJsonObject()
                .forEach((group, n) -> counts.put(group, ((JsonNumber) n).longValue()));
        // Artemis groups messages without the property under "null".
        counts.remove("null");
        return counts;
    }

    @Override
    public boolean moveMessage(String queue, long messageId, String targetQueue) {
        return exec(queue, "moveMessage(long,java.lang.String)",
                Json.createArrayBuilder().add(messageId).add(targetQueue)) == JsonValue.TRUE;
    }

    @Override
    public int moveMessages(String queue, String filter, String targetQueue) {
        return ((JsonNumber) exec(queue, "moveMessages(java.lang.String,java.lang.String)",
                Json.createArrayBuilder().add(filter).add(targetQueue))).intValue();
    }

    @Override
    public boolean retryMessage(String queue, long messageId) {
        return exec(queue, "retryMessage(long)", Json.createArrayBuilder().add(messageId)) == JsonValue.TRUE;
    }

    @Override
    public int retryMessages(String queue) {
        return ((JsonNumber) exec(queue, "retryMessages()", Json.createArrayBuilder())).intValue();
    }

    @Override
    public boolean removeMessage(String queue, long messageId) {
        return exec(queue, "removeMessage(long)", Json.createArrayBuilder().add(messageId)) == JsonValue.TRUE;
    }

    /** Operations on an anycast queue bound to the address of the same name (how broker.xml declares them). */
    private JsonValue exec(String queue, String operation, JsonArrayBuilder arguments) {
        String mbean = "org.apache.activemq.artemis:broker=" + ObjectName.quote(brokerName)
                + ",component=addresses,address=" + ObjectName.quote(queue)
                + ",subcomponent=queues,routing-type=\"anycast\",queue=" + ObjectName.quote(queue);
        return call(Json.createObjectBuilder().add("type", "exec").add("mbean", mbean)
                .add("operation", operation).add("arguments", arguments));
    }

    private JsonValue call(JsonObjectBuilder request) {
        HttpRequest http = HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                // The broker's Jolokia policy (strict origin checking against CSRF) refuses
                // requests without an allowed Origin; this server-side client names localhost.
                .header("Origin", "http://localhost")
                .POST(HttpRequest.BodyPublishers.ofString(request.build().toString()))
                .build();
        HttpResponse<String> response;
        try {
            response = this.http.send(http, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BrokerManagementException("broker management unreachable at " + endpoint + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerManagementException("interrupted while calling broker management", e);
        }
        if (response.statusCode() != 200) {
            throw new BrokerManagementException("broker management at " + endpoint + " answered HTTP "
                    + response.statusCode() + (response.statusCode() == 401 ? " (check visage.broker.user/password)" : ""));
        }
        JsonObject body = parse(response.body()).asJsonObject();
        int status = body.getInt("status", 500);
        if (status != 200) {
            throw new BrokerManagementException("broker management refused the call (" + status + "): "
                    + body.getString("error", "no reason given"));
        }
        return body.get("value");
    }

    private static JsonValue parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        } catch (JsonException e) {
            throw new BrokerManagementException("broker management answered something other than JSON", e);
        }
    }

    private static BrokerMessage message(JsonObject m) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("user_id", stringOf(m.get("userID")));
        headers.put("address", stringOf(m.get("address")));
        headers.put("timestamp", m.containsKey("timestamp") ? Instant.ofEpochMilli(longOf(m, "timestamp")).toString() : null);
        headers.put("priority", longOf(m, "priority"));
        headers.put("durable", m.getBoolean("durable", false));
        headers.put("expiration", longOf(m, "expiration"));
        headers.put("redelivered", m.getBoolean("redelivered", false));
        headers.put("protocol", stringOf(m.get("protocol")));
        headers.put("persistent_size", longOf(m, "persistentSize"));
        headers.put("large_message", m.getBoolean("largeMessage", false));
        String bodyType = bodyType((int) longOf(m, "type"));
        headers.put("type", bodyType);

        Map<String, Object> properties = new TreeMap<>();
        for (String group : PROPERTY_GROUPS) {
            JsonValue values = m.get(group);
            if (values != null && values.getValueType() == JsonValue.ValueType.OBJECT) {
                values.asJsonObject().forEach((name, v) -> properties.put(name, plain(v)));
            }
        }
        JsonValue text = m.get("text");
        String body = text instanceof JsonString s ? s.getString() : null;
        return new BrokerMessage(Long.parseLong(stringOf(m.get("messageID"))), headers, properties, bodyType, body);
    }

    /** Artemis message types (org.apache.activemq.artemis.api.core.Message). */
    private static String bodyType(int type) {
        return switch (type) {
            case 2 -> "object";
            case 3 -> "text";
            case 4 -> "bytes";
            case 5 -> "map";
            case 6 -> "stream";
            default -> "message";
        };
    }

    private static Object plain(JsonValue v) {
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> ((JsonNumber) v).isIntegral() ? (Object) ((JsonNumber) v).longValue() : ((JsonNumber) v).doubleValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
            default -> v.toString();
        };
    }

    private static String stringOf(JsonValue v) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return v instanceof JsonString s ? s.getString() : v.toString();
    }

    private static long longOf(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v instanceof JsonNumber n) {
            return n.longValue();
        }
        if (v instanceof JsonString s) {
            return Long.parseLong(s.getString());
        }
        return 0;
    }
}
