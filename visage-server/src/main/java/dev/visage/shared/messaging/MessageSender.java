package dev.visage.shared.messaging;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.Map;

/**
 * The one way Visage sends a message: TextMessages through the XA connection factory, so they leave
 * only if the caller's transaction commits. Work on queues is persistent; notices on topics are not
 * (a missed one is repaired by the receiver's next reload).
 */
@ApplicationScoped
public class MessageSender {

    @Resource(lookup = "jms/visage")
    ConnectionFactory connectionFactory;

    /** A text message: its body, string properties and JMS priority (0-9). */
    public record Outgoing(String body, Map<String, String> properties, int priority) {

        public static Outgoing text(String body) {
            return new Outgoing(body, Map.of(), Message.DEFAULT_PRIORITY);
        }
    }

    public void toQueue(String queue, String body) {
        toQueue(queue, List.of(Outgoing.text(body)));
    }

    public void toQueue(String queue, List<Outgoing> messages) {
        if (messages.isEmpty()) {
            return;
        }
        try (JMSContext context = connectionFactory.createContext()) {
            send(context, context.createQueue(queue), DeliveryMode.PERSISTENT, messages);
        }
    }

    public void toTopic(String topic, Outgoing message) {
        try (JMSContext context = connectionFactory.createContext()) {
            send(context, context.createTopic(topic), DeliveryMode.NON_PERSISTENT, List.of(message));
        }
    }

    private static void send(JMSContext context, Destination destination, int deliveryMode, List<Outgoing> messages) {
        JMSProducer producer = context.createProducer().setDeliveryMode(deliveryMode);
        try {
            for (Outgoing m : messages) {
                TextMessage text = context.createTextMessage(m.body());
                for (Map.Entry<String, String> p : m.properties().entrySet()) {
                    text.setStringProperty(p.getKey(), p.getValue());
                }
                producer.setPriority(m.priority()).send(destination, text);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("could not send to " + destination, e);
        }
    }
}
