package dev.visage.batch.infrastructure.jms;

import dev.visage.batch.application.BatchItemProcessor;
import dev.visage.shared.messaging.DeadLetters;
import dev.visage.shared.messaging.Messages;
import jakarta.annotation.Resource;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Consumes the batch queue (server.xml activation spec {@code visage/BatchItemListener}:
 * VISAGE_BATCH_CONCURRENCY sessions, no prefetch so JMS priorities hold). The image's outcome
 * commits in its own transaction before this delivery is acknowledged; a redelivery finds the
 * item finished and changes nothing.
 * <ul>
 *   <li>malformed message → visage.DLQ at once, reason as a property;</li>
 *   <li>permanent failure (not an image, file gone) → the item fails with its reason, acknowledged;</li>
 *   <li>transient failure → rollback: the broker redelivers with exponential back-off; the last of
 *       {@code visage.batch.max-attempts} fails the item and parks the message with the reason.</li>
 * </ul>
 */
@MessageDriven(name = "BatchItemListener")
public class BatchItemListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(BatchItemListener.class.getName());

    @Resource
    MessageDrivenContext context;

    @Inject
    BatchItemProcessor processor;

    @Inject
    DeadLetters deadLetters;

    @Inject
    @ConfigProperty(name = "visage.queue.batch")
    String queue;

    @Inject
    @ConfigProperty(name = "visage.batch.max-attempts")
    int maxAttempts;

    @Override
    public void onMessage(Message message) {
        UUID itemId;
        try {
            itemId = BatchItemMessages.itemId(body(message));
        } catch (BatchItemMessages.Malformed e) {
            LOG.warning(() -> "dead-lettering malformed batch message: " + e.getMessage());
            deadLetters.park(message, queue, e.getMessage());
            return;
        }
        int attempt = Messages.deliveryCount(message);
        try {
            BatchItemProcessor.Result result = processor.process(itemId);
            LOG.fine(() -> "batch item " + itemId + ": " + result);
        } catch (BatchItemProcessor.TransientItemFailure e) {
            retryOrGiveUp(message, itemId, attempt, e.getMessage(), e);
        } catch (RuntimeException e) {
            // Anything unexpected (a database error, a bug) is retried like a transient failure and
            // parked with its reason on the last attempt, so the job still ends.
            retryOrGiveUp(message, itemId, attempt, e.toString(), e);
        }
    }

    private void retryOrGiveUp(Message message, UUID itemId, int attempt, String why, Exception cause) {
        if (attempt >= maxAttempts) {
            String reason = "gave up after " + attempt + " attempts: " + why;
            LOG.log(Level.WARNING, "batch item " + itemId + " " + reason, cause);
            processor.giveUp(itemId, reason);
            deadLetters.park(message, queue, reason);
        } else {
            LOG.info(() -> "batch item " + itemId + " attempt " + attempt + " failed, will retry: " + why);
            context.setRollbackOnly();
        }
    }

    private static String body(Message message) throws BatchItemMessages.Malformed {
        if (!(message instanceof TextMessage text)) {
            throw new BatchItemMessages.Malformed("expected a TextMessage with a JSON body, got "
                    + message.getClass().getSimpleName());
        }
        try {
            return text.getText();
        } catch (JMSException e) {
            throw new BatchItemMessages.Malformed("unreadable message body: " + e.getMessage());
        }
    }
}
