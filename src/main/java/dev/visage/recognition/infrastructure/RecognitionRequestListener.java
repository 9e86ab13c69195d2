package dev.visage.recognition.infrastructure;

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
import jakarta.json.JsonObject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request-reply on {@code visage.recognition.requests} (activation spec
 * {@code visage/RecognitionRequestListener}): management and processing operations from
 * external clients. The reply goes to JMSReplyTo with the request's JMSCorrelationID
 * (or its JMSMessageID when it has none), inside this transaction, so a management change,
 * its fan-out on the topic and its reply commit together. A request without JMSReplyTo is
 * applied without reply. Unexpected failures roll back for redelivery; the last attempt
 * answers with an internal error and parks the request on the dead-letter queue.
 */
@MessageDriven(name = "RecognitionRequestListener")
public class RecognitionRequestListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(RecognitionRequestListener.class.getName());

    @Resource
    MessageDrivenContext context;

    @Inject
    RecognitionRequests requests;

    @Inject
    Replies replies;

    @Inject
    DeadLetters deadLetters;

    @Inject
    @ConfigProperty(name = "visage.queue.recognition-requests")
    String queue;

    @Inject
    @ConfigProperty(name = "visage.max-delivery-attempts")
    int maxAttempts;

    @Override
    public void onMessage(Message message) {
        JsonObject request;
        try {
            if (!(message instanceof TextMessage text)) {
                replies.send(message, RecognitionRequests.error("expected a TextMessage with a JSON body", "validation"));
                return;
            }
            request = requests.parse(text.getText());
        } catch (RecognitionRequests.MalformedRequest | JMSException e) {
            replies.send(message, RecognitionRequests.error(e.getMessage(), "validation"));
            return;
        }
        int attempt = Messages.deliveryCount(message);
        try {
            replies.send(message, requests.handle(request));
        } catch (RuntimeException e) {
            if (attempt >= maxAttempts) {
                String reason = "gave up after " + attempt + " attempts: " + e;
                LOG.log(Level.WARNING, reason, e);
                context.setRollbackOnly();
                replies.giveUp(message, RecognitionRequests.error("Internal error: " + e.getMessage(), "internal"),
                        () -> deadLetters.park(message, queue, reason));
            } else {
                LOG.log(Level.INFO, "recognition request attempt " + attempt + " failed, will retry", e);
                context.setRollbackOnly();
            }
        }
    }
}
