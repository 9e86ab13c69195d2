package dev.visage.batch.infrastructure.jms;

import dev.visage.batch.application.BatchDispatcher;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One persistent TextMessage {@code {"job_id", "item_id", "tenant_id"}} per image on the batch
 * queue, with the job's JMS priority and a message group (JMSXGroupID) that spreads the job over
 * {@code threads} groups. The connection factory is XA: messages leave only if the items commit.
 */
@ApplicationScoped
public class JmsBatchDispatcher implements BatchDispatcher {

    @Resource(lookup = "jms/visage")
    ConnectionFactory connectionFactory;

    private final String queue;

    @Inject
    public JmsBatchDispatcher(@ConfigProperty(name = "visage.queue.batch") String queue) {
        this.queue = queue;
    }

    /** For CDI proxies only. */
    protected JmsBatchDispatcher() {
        this.queue = null;
    }

    @Override
    public void send(List<ItemMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        try (JMSContext context = connectionFactory.createContext()) {
            Queue destination = context.createQueue(queue);
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (ItemMessage m : messages) {
                TextMessage text = context.createTextMessage(BatchItemMessages.toJson(m));
                text.setStringProperty("JMSXGroupID", m.group());
                producer.setPriority(m.priority()).send(destination, text);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("could not queue batch items on " + queue, e);
        }
    }
}
