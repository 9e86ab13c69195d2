package dev.visage.shared.messaging;

import jakarta.ejb.MessageDrivenContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one way Visage consumes a message, inside the listener's container-managed XA transaction:
 * parse → process → classify a failure → retry with the broker's back-off (roll back) or park with a
 * reason. A malformed message and a permanent failure are parked at once; a transient failure rolls
 * back until the last allowed attempt, which gives up with "gave up after N attempts: why". Parking
 * commits with the transaction, so the copy on the dead-letter queue and the removal of the original
 * happen together.
 */
@ApplicationScoped
public class MessageConsumer {

    private static final Logger LOG = Logger.getLogger(MessageConsumer.class.getName());

    private final DeadLetters deadLetters;

    @Inject
    public MessageConsumer(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** For CDI proxies only. */
    protected MessageConsumer() {
        this(null);
    }

    /**
     * Where a listener consumes from.
     *
     * @param maxAttempts the delivery attempt that gives up instead of retrying
     */
    public record Inbox(String queue, int maxAttempts) {
    }

    public <T> void consume(Message message, MessageDrivenContext context, Inbox inbox, MessageHandler<T> handler) {
        MessageHandler.Park park = reason -> {
            LOG.warning(() -> "dead-lettering a message of " + inbox.queue() + ": " + reason);
            deadLetters.park(message, inbox.queue(), reason);
        };
        T request;
        try {
            request = handler.parse(message);
        } catch (MalformedMessage e) {
            handler.malformed(message, e.getMessage(), park);
            return;
        }
        int attempt = Messages.deliveryCount(message);
        try {
            handler.process(request, attempt);
        } catch (Exception e) {
            MessageHandler.Failure failure = handler.classify(e);
            if (failure == MessageHandler.Failure.UNEXPECTED) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            String why = handler.why(e);
            if (failure == MessageHandler.Failure.PERMANENT) {
                handler.rejected(request, why, park);
            } else if (attempt >= inbox.maxAttempts()) {
                String reason = "gave up after " + attempt + " attempts: " + why;
                LOG.log(Level.WARNING, handler.describe(request) + " " + reason, e);
                handler.gaveUp(request, reason, e, park);
            } else {
                LOG.info(() -> handler.describe(request) + " attempt " + attempt + " failed, will retry: " + why);
                context.setRollbackOnly();
            }
        }
    }
}
