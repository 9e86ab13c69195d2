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
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * The client's request-reply over Jakarta Messaging: one connection (opened on first use, reopened after
 * a failure), one temporary reply queue, a fresh JMSCorrelationID per attempt, and retries of timeouts
 * and connection failures. Thread-safe.
 */
final class ReplyTransport implements AutoCloseable {

    private final ConnectionFactory factory;
    private final ClientConfig config;
    private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private Connection connection;
    private Session sendSession;
    private MessageProducer producer;
    private TemporaryQueue replyQueue;

    ReplyTransport(ConnectionFactory factory, ClientConfig config) {
        this.factory = factory;
        this.config = config;
    }

    /** Sends the request and returns the reply's result, retrying timeouts and connection failures. */
    JsonValue call(JsonObjectBuilder request) {
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
                    Logger.getLogger(ReplyTransport.class.getName())
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

    @Override
    public void close() {
        disconnect();
    }
}
