package dev.visage.recognition.infrastructure;

import dev.visage.recognition.application.GalleryChange;
import dev.visage.recognition.application.GalleryChanges;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes gallery changes on the management topic through the XA connection factory:
 * the message leaves only when the transaction that changed the rows commits.
 */
@ApplicationScoped
public class JmsGalleryChanges implements GalleryChanges {

    @Resource(lookup = "jms/visage")
    ConnectionFactory connectionFactory;

    private final String topic;

    @Inject
    public JmsGalleryChanges(@ConfigProperty(name = "visage.topic.recognition-management") String topic) {
        this.topic = topic;
    }

    /** For CDI proxies only. */
    protected JmsGalleryChanges() {
        this.topic = null;
    }

    @Override
    public void publish(GalleryChange change) {
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer()
                    .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .setProperty(GalleryChangeJson.TYPE_PROPERTY, change.type().name())
                    .send(context.createTopic(topic), GalleryChangeJson.write(change));
        }
    }
}
