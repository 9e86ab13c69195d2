package dev.visage.batch.infrastructure.jms;

import dev.visage.batch.application.BatchItemProcessor;
import dev.visage.shared.messaging.MalformedMessage;
import dev.visage.shared.messaging.MessageConsumer;
import dev.visage.shared.messaging.MessageHandler;
import jakarta.annotation.Resource;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.util.UUID;
import java.util.logging.Logger;

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

    private static final MessageConsumer.Inbox INBOX =
            new MessageConsumer.Inbox("visage.queue.batch", "visage.batch.max-attempts");

    private static final Logger LOG = Logger.getLogger(BatchItemListener.class.getName());

    @Resource
    MessageDrivenContext context;

    @Inject
    BatchItemProcessor processor;

    @Inject
    MessageConsumer consumer;

    @Override
    public void onMessage(Message message) {
        consumer.consume(message, context, INBOX, new Handler());
    }

    /** The last attempt fails the item (so the job still ends) before the message is parked. */
    private final class Handler implements MessageHandler<UUID> {

        @Override
        public UUID parse(Message message) throws MalformedMessage {
            return BatchItemMessages.itemId(body(message));
        }

        @Override
        public void process(UUID itemId, Attempt attempt) throws BatchItemProcessor.TransientItemFailure {
            BatchItemProcessor.Result result = processor.process(itemId);
            LOG.fine(() -> "batch item " + itemId + ": " + result);
        }

        /** Anything unexpected (a database error, a bug) is retried like a transient failure. */
        @Override
        public Failure classify(Exception failure) {
            return Failure.TRANSIENT;
        }

        @Override
        public String why(Exception failure) {
            return failure instanceof BatchItemProcessor.TransientItemFailure ? failure.getMessage() : failure.toString();
        }

        @Override
        public String describe(UUID itemId) {
            return "batch item " + itemId;
        }

        @Override
        public void gaveUp(UUID itemId, String reason, Exception failure, Park park) {
            processor.giveUp(itemId, reason);
            park.park(reason);
        }
    }

    private static String body(Message message) throws MalformedMessage {
        if (!(message instanceof TextMessage text)) {
            throw new MalformedMessage("expected a TextMessage with a JSON body, got "
                    + message.getClass().getSimpleName());
        }
        try {
            return text.getText();
        } catch (JMSException e) {
            throw new MalformedMessage("unreadable message body: " + e.getMessage());
        }
    }
}
