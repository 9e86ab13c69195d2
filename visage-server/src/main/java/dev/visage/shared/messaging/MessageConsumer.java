package dev.visage.shared.messaging;

import jakarta.ejb.MessageDrivenContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

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
    private final Config config;

    @Inject
    public MessageConsumer(DeadLetters deadLetters, Config config) {
        this.deadLetters = deadLetters;
        this.config = config;
    }

    /** For CDI proxies only. */
    protected MessageConsumer() {
        this(null, null);
    }

    /**
     * Where a listener consumes from, by the configuration properties that name it.
     *
     * @param queueProperty       the queue's name (dead letters say where they came from)
     * @param maxAttemptsProperty the delivery attempt that gives up instead of retrying
     */
    public record Inbox(String queueProperty, String maxAttemptsProperty) {
    }

    public <T> void consume(Message message, MessageDrivenContext context, Inbox inbox, MessageHandler<T> handler) {
        String queue = config.getValue(inbox.queueProperty(), String.class);
        int maxAttempts = config.getValue(inbox.maxAttemptsProperty(), Integer.class);
        MessageHandler.Park park = reason -> {
            LOG.warning(() -> "dead-lettering a message of " + queue + ": " + reason);
            deadLetters.park(message, queue, reason);
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
            handler.process(request, new MessageHandler.Attempt(attempt, maxAttempts));
        } catch (Exception e) {
            MessageHandler.Failure failure = handler.classify(e);
            if (failure == MessageHandler.Failure.UNEXPECTED) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            String why = handler.why(e);
            if (failure == MessageHandler.Failure.PERMANENT) {
                handler.rejected(request, why, park);
            } else if (attempt >= maxAttempts) {
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
