package dev.visage.ingest.infrastructure.jms;

import dev.visage.ingest.application.JobDispatcher;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.json.Json;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends {@code {"job_id": ..., "tenant_id": ...}} to the image queue. The connection
 * factory is XA, so the message leaves only if the caller's transaction commits.
 */
@ApplicationScoped
public class JmsJobDispatcher implements JobDispatcher {

    @Resource(lookup = "jms/visage")
    ConnectionFactory connectionFactory;

    private final String queue;

    @Inject
    public JmsJobDispatcher(@ConfigProperty(name = "visage.queue.images") String queue) {
        this.queue = queue;
    }

    /** For CDI proxies only. */
    protected JmsJobDispatcher() {
        this.queue = null;
    }

    @Override
    public void dispatch(UUID jobId, String tenantId) {
        String body = Json.createObjectBuilder()
                .add("job_id", jobId.toString())
                .add("tenant_id", tenantId)
                .build().toString();
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer()
                    .setDeliveryMode(DeliveryMode.PERSISTENT)
                    .send(context.createQueue(queue), body);
        }
    }
}
