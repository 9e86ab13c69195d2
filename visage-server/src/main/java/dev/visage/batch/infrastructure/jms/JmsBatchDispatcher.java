package dev.visage.batch.infrastructure.jms;

import dev.visage.batch.application.BatchDispatcher;
import dev.visage.shared.messaging.MessageSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One persistent TextMessage {@code {"job_id", "item_id", "tenant_id"}} per image on the batch
 * queue, with the job's JMS priority and a message group (JMSXGroupID) that spreads the job over
 * {@code threads} groups. The connection factory is XA: messages leave only if the items commit.
 */
@ApplicationScoped
public class JmsBatchDispatcher implements BatchDispatcher {

    private final MessageSender sender;
    private final String queue;

    @Inject
    public JmsBatchDispatcher(MessageSender sender, @ConfigProperty(name = "visage.queue.batch") String queue) {
        this.sender = sender;
        this.queue = queue;
    }

    /** For CDI proxies only. */
    protected JmsBatchDispatcher() {
        this(null, null);
    }

    @Override
    public void send(List<ItemMessage> messages) {
        sender.toQueue(queue, messages.stream().map(m -> new MessageSender.Outgoing(BatchItemMessages.toJson(m),
                Map.of("JMSXGroupID", m.group()), m.priority())).toList());
    }
}
