package dev.visage.ingest.infrastructure.jms;

import dev.visage.ingest.application.JobDispatcher;
import dev.visage.shared.messaging.MessageSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends {@code {"job_id": ..., "tenant_id": ...}} to the image queue. The connection
 * factory is XA, so the message leaves only if the caller's transaction commits.
 */
@ApplicationScoped
public class JmsJobDispatcher implements JobDispatcher {

    private final MessageSender sender;
    private final String queue;

    @Inject
    public JmsJobDispatcher(MessageSender sender, @ConfigProperty(name = "visage.queue.images") String queue) {
        this.sender = sender;
        this.queue = queue;
    }

    /** For CDI proxies only. */
    protected JmsJobDispatcher() {
        this(null, null);
    }

    @Override
    public void dispatch(UUID jobId, String tenantId) {
        String body = Json.createObjectBuilder()
                .add("job_id", jobId.toString())
                .add("tenant_id", tenantId)
                .build().toString();
        sender.toQueue(queue, body);
    }
}
