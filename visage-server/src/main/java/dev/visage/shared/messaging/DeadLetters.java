package dev.visage.shared.messaging;

import static dev.visage.contracts.messaging.DeadLetterProperties.ATTEMPTS;
import static dev.visage.contracts.messaging.DeadLetterProperties.FAILED_AT;
import static dev.visage.contracts.messaging.DeadLetterProperties.FIRST_FAILED_AT;
import static dev.visage.contracts.messaging.DeadLetterProperties.ORIGINAL_MESSAGE_ID;
import static dev.visage.contracts.messaging.DeadLetterProperties.ORIGINAL_QUEUE;
import static dev.visage.contracts.messaging.DeadLetterProperties.REASON;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.Enumeration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Parks a message on the dead-letter queue with the reason as a property. Called inside
 * the consumer's transaction, so the copy and the removal of the original commit together.
 */
@ApplicationScoped
public class DeadLetters {

    @Resource(lookup = "jms/visage")
    ConnectionFactory connectionFactory;

    private final String deadLetterQueue;

    @Inject
    public DeadLetters(@ConfigProperty(name = "visage.queue.dead-letter") String deadLetterQueue) {
        this.deadLetterQueue = deadLetterQueue;
    }

    /** For CDI proxies only. */
    protected DeadLetters() {
        this.deadLetterQueue = null;
    }

    public void park(Message original, String originalQueue, String reason) {
        try (JMSContext context = connectionFactory.createContext()) {
            Message copy = copyOf(original, context);
            String now = Instant.now().toString();
            if (!copy.propertyExists(FIRST_FAILED_AT)) {
                // A dead letter retried from the console carries its earlier failure time.
                copy.setStringProperty(FIRST_FAILED_AT, copy.propertyExists(FAILED_AT) ? copy.getStringProperty(FAILED_AT) : now);
            }
            copy.setStringProperty(REASON, truncate(reason));
            copy.setStringProperty(ORIGINAL_QUEUE, originalQueue);
            copy.setIntProperty(ATTEMPTS, Messages.deliveryCount(original));
            copy.setStringProperty(FAILED_AT, now);
            copy.setStringProperty(ORIGINAL_MESSAGE_ID, original.getJMSMessageID());
            context.createProducer().send(context.createQueue(deadLetterQueue), copy);
        } catch (JMSException e) {
            throw new IllegalStateException("could not park message on " + deadLetterQueue, e);
        }
    }

    private static Message copyOf(Message original, JMSContext context) throws JMSException {
        Message copy;
        if (original instanceof TextMessage text) {
            copy = context.createTextMessage(text.getText());
        } else if (original instanceof MapMessage map) {
            MapMessage mapCopy = context.createMapMessage();
            for (Enumeration<?> names = map.getMapNames(); names.hasMoreElements(); ) {
                String name = (String) names.nextElement();
                mapCopy.setObject(name, map.getObject(name));
            }
            copy = mapCopy;
        } else if (original instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.reset();
            bytes.readBytes(body);
            BytesMessage bytesCopy = context.createBytesMessage();
            bytesCopy.writeBytes(body);
            copy = bytesCopy;
        } else {
            copy = context.createMessage();
        }
        for (Enumeration<?> names = original.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            if (!name.startsWith("JMSX") && !name.startsWith("_AMQ")) {
                copy.setObjectProperty(name, original.getObjectProperty(name));
            }
        }
        return copy;
    }

    private static String truncate(String reason) {
        String r = reason == null ? "unknown failure" : reason;
        return r.length() > 1000 ? r.substring(0, 1000) : r;
    }
}
