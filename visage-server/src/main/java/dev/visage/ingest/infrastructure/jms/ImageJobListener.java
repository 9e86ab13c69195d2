package dev.visage.ingest.infrastructure.jms;

import dev.visage.ingest.application.ImageJobService;
import dev.visage.ingest.application.TransientJobFailure;
import dev.visage.shared.json.JsonText;
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
import java.util.UUID;

/**
 * Consumes image-job messages (destination and concurrency: server.xml activation spec
 * {@code visage/ImageJobListener}). Malformed messages are dead-lettered at once; transient
 * failures roll back for the broker's backoff redelivery; the last allowed attempt parks
 * the message with its reason instead of letting the broker drop it reasonless.
 */
@MessageDriven(name = "ImageJobListener")
public class ImageJobListener implements MessageListener {

    private static final MessageConsumer.Inbox INBOX =
            new MessageConsumer.Inbox("visage.queue.images", "visage.max-delivery-attempts");

    @Resource
    MessageDrivenContext context;

    @Inject
    ImageJobService jobs;

    @Inject
    MessageConsumer consumer;

    @Override
    public void onMessage(Message message) {
        consumer.consume(message, context, INBOX, new Handler());
    }

    /** The job service records each attempt; the last one fails the job before the message is parked. */
    private final class Handler implements MessageHandler<UUID> {

        @Override
        public UUID parse(Message message) throws MalformedMessage {
            return ImageJobListener.parse(message);
        }

        @Override
        public void process(UUID jobId, Attempt attempt) throws TransientJobFailure {
            jobs.process(jobId, attempt.number(), attempt.max());
        }

        @Override
        public Failure classify(Exception failure) {
            return failure instanceof TransientJobFailure ? Failure.TRANSIENT : Failure.UNEXPECTED;
        }

        @Override
        public String describe(UUID jobId) {
            return "job " + jobId;
        }

        @Override
        public void gaveUp(UUID jobId, String reason, Exception failure, Park park) {
            jobs.giveUp(jobId, reason);
            park.park(reason);
        }
    }

    private static UUID parse(Message message) throws MalformedMessage {
        if (!(message instanceof TextMessage text)) {
            throw new MalformedMessage("expected a TextMessage with a JSON body");
        }
        try {
            JsonObject body = JsonText.parse(text.getText()).asJsonObject();
            if (!body.containsKey("job_id") || body.isNull("job_id")) {
                throw new MalformedMessage("missing field job_id");
            }
            return UUID.fromString(body.getString("job_id"));
        } catch (JsonText.Malformed | ClassCastException e) {
            throw new MalformedMessage("malformed JSON: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new MalformedMessage("job_id is not a UUID");
        } catch (JMSException e) {
            throw new MalformedMessage("unreadable message body: " + e.getMessage());
        }
    }
}
