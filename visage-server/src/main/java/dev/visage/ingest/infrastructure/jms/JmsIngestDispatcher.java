package dev.visage.ingest.infrastructure.jms;

import dev.visage.ingest.application.IngestDispatcher;
import dev.visage.shared.messaging.MessageSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sends TextMessages to REDIS_STREAM_NAME (the ingest queue) on the XA connection factory. */
@ApplicationScoped
public class JmsIngestDispatcher implements IngestDispatcher {

    private final MessageSender sender;
    private final String queue;

    @Inject
    public JmsIngestDispatcher(MessageSender sender, @ConfigProperty(name = "redis.stream.name") String queue) {
        this.sender = sender;
        this.queue = queue;
    }

    /** For CDI proxies only. */
    protected JmsIngestDispatcher() {
        this(null, null);
    }

    @Override
    public void send(String json) {
        sender.toQueue(queue, json);
    }
}
