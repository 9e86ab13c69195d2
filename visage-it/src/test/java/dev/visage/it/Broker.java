package dev.visage.it;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** The real test broker: a plain Jakarta Messaging client, and its start/stop script. */
public final class Broker {

    private Broker() {
    }

    public static ConnectionFactory connectionFactory() {
        return connectionFactory(Integer.parseInt(System.getenv().getOrDefault("VISAGE_BROKER_PORT", "61617")));
    }

    /** A client of another broker on loopback (the cluster of ./visage up --cluster). */
    public static ConnectionFactory connectionFactory(int port) {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port + "?reconnectAttempts=0",
                System.getenv().getOrDefault("VISAGE_BROKER_USER", "visage"),
                System.getenv().getOrDefault("VISAGE_BROKER_PASSWORD", "visage"));
    }

    public static void sendText(String queue, String body) {
        try (JMSContext context = connectionFactory().createContext()) {
            context.createProducer().send(context.createQueue(queue), body);
        }
    }

    /** Receives the first message on the queue matching the selector, or null after the timeout. */
    public static Message receive(String queue, String selector, Duration timeout) {
        try (JMSContext context = connectionFactory().createContext(JMSContext.AUTO_ACKNOWLEDGE);
             JMSConsumer consumer = context.createConsumer(context.createQueue(queue), selector)) {
            return consumer.receive(timeout.toMillis());
        }
    }

    /**
     * Invokes an operation of a queue's management control (e.g. "pause", "resume") through the
     * broker's management address, as the Artemis CLI does.
     */
    public static void queueOperation(String queue, String operation) {
        queueOperation(connectionFactory(), queue, operation);
    }

    public static void queueOperation(ConnectionFactory factory, String queue, String operation) {
        manage(factory, operation + " on " + queue,
                request -> JMSManagementHelper.putOperationInvocation(request, ResourceNames.QUEUE + queue, operation));
    }

    /** A queue's management attribute, e.g. "consumerCount" (the sessions consuming from it, every instance's). */
    public static Object queueAttribute(ConnectionFactory factory, String queue, String attribute) {
        return manage(factory, attribute + " of " + queue,
                request -> JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, attribute));
    }

    /** Puts one request on the management address and returns the result of its reply. */
    private static Object manage(ConnectionFactory factory, String what, ManagementRequest fill) {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            Message request = session.createMessage();
            fill.put(request);
            request.setJMSReplyTo(replies);
            session.createProducer(ActiveMQJMSClient.createQueue("activemq.management")).send(request);
            Message reply = session.createConsumer(replies).receive(10_000);
            if (reply == null || !JMSManagementHelper.hasOperationSucceeded(reply)) {
                throw new IllegalStateException(what + " failed: "
                        + (reply == null ? "no reply" : JMSManagementHelper.getResult(reply)));
            }
            return JMSManagementHelper.getResult(reply);
        } catch (Exception e) {
            throw new IllegalStateException(what, e);
        }
    }

    @FunctionalInterface
    private interface ManagementRequest {
        void put(Message request) throws Exception;
    }

    public static void script(String action) {
        Path root = Path.of(System.getProperty("visage.root", "."));
        try {
            Process p = new ProcessBuilder(root.resolve("scripts/broker.sh").toString(), action)
                    .inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("scripts/broker.sh " + action + " exited " + p.exitValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
