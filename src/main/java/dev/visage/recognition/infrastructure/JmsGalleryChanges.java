package dev.visage.recognition.infrastructure;

import dev.visage.recognition.application.GalleryChange;
import dev.visage.recognition.application.GalleryChanges;
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
public class JmsGalleryChanges implements GalleryChanges {

    private final MessageSender sender;
    private final String topic;

    @Inject
    public JmsGalleryChanges(MessageSender sender,
                             @ConfigProperty(name = "visage.topic.recognition-management") String topic) {
        this.sender = sender;
        this.topic = topic;
    }

    /** For CDI proxies only. */
    protected JmsGalleryChanges() {
        this(null, null);
    }

    @Override
    public void publish(GalleryChange change) {
        sender.toTopic(topic, new MessageSender.Outgoing(GalleryChangeJson.write(change),
                Map.of(GalleryChangeJson.TYPE_PROPERTY, change.type().name()), Message.DEFAULT_PRIORITY));
    }
}
