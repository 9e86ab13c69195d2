package dev.visage.recognition.infrastructure;

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
import jakarta.json.JsonObject;

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

    private static final MessageConsumer.Inbox INBOX =
            new MessageConsumer.Inbox("visage.queue.recognition-requests", "visage.max-delivery-attempts");

    @Resource
    MessageDrivenContext context;

    @Inject
    RecognitionRequests requests;

    @Inject
    Replies replies;

    @Inject
    MessageConsumer consumer;

    @Override
    public void onMessage(Message message) {
        consumer.consume(message, context, INBOX, new Handler(message));
    }

    /**
     * A malformed request is answered, not parked: the requester is waiting for its reply. Giving up
     * rolls back what the request changed, answers with an internal error and parks the request.
     */
    private final class Handler implements MessageHandler<JsonObject> {

        private final Message message;

        Handler(Message message) {
            this.message = message;
        }

        @Override
        public JsonObject parse(Message message) throws MalformedMessage {
            if (!(message instanceof TextMessage text)) {
                throw new MalformedMessage("expected a TextMessage with a JSON body");
            }
            try {
                return requests.parse(text.getText());
            } catch (JMSException e) {
                throw new MalformedMessage(e.getMessage());
            }
        }

        @Override
        public void process(JsonObject request, Attempt attempt) {
            replies.send(message, requests.handle(request));
        }

        @Override
        public Failure classify(Exception failure) {
            return failure instanceof RuntimeException ? Failure.TRANSIENT : Failure.UNEXPECTED;
        }

        @Override
        public String why(Exception failure) {
            return failure.toString();
        }

        @Override
        public String describe(JsonObject request) {
            return "recognition request";
        }

        @Override
        public void malformed(Message message, String reason, Park park) {
            replies.send(message, RecognitionRequests.error(reason, "validation"));
        }

        @Override
        public void gaveUp(JsonObject request, String reason, Exception failure, Park park) {
            context.setRollbackOnly();
            replies.giveUp(message, RecognitionRequests.error("Internal error: " + failure.getMessage(), "internal"),
                    () -> park.park(reason));
        }
    }
}
