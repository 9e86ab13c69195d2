package dev.visage.recognition.infrastructure;

import dev.visage.recognition.application.EnrolmentChange;
import dev.visage.recognition.application.EnrolmentChanges;
import dev.visage.shared.messaging.MessageSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes gallery changes on the management topic through the XA connection factory:
 * the message leaves only when the transaction that changed the rows commits.
 */
@ApplicationScoped
public class JmsEnrolmentChanges implements EnrolmentChanges {

    private final MessageSender sender;
    private final String topic;

    @Inject
    public JmsEnrolmentChanges(MessageSender sender,
                             @ConfigProperty(name = "visage.topic.recognition-management") String topic) {
        this.sender = sender;
        this.topic = topic;
    }

    /** For CDI proxies only. */
    protected JmsEnrolmentChanges() {
        this(null, null);
    }

    @Override
    public void publish(EnrolmentChange change) {
        sender.toTopic(topic, new MessageSender.Outgoing(EnrolmentChangeJson.write(change),
                Map.of(EnrolmentChangeJson.TYPE_PROPERTY, change.type().name()), Message.DEFAULT_PRIORITY));
    }
}
