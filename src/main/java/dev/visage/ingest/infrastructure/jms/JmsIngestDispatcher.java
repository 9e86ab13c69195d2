package dev.visage.ingest.infrastructure.jms;

import dev.visage.ingest.application.IngestDispatcher;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sends TextMessages to REDIS_STREAM_NAME (the ingest queue) on the XA connection factory. */
@ApplicationScoped
public class JmsIngestDispatcher implements IngestDispatcher {

    @Resource(lookup = "jms/visage")
    ConnectionFactory connectionFactory;

    private final String queue;

    @Inject
    public JmsIngestDispatcher(@ConfigProperty(name = "redis.stream.name") String queue) {
        this.queue = queue;
    }

    /** For CDI proxies only. */
    protected JmsIngestDispatcher() {
        this.queue = null;
    }

    @Override
    public void send(String json) {
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(context.createQueue(queue), json);
        }
    }
}
