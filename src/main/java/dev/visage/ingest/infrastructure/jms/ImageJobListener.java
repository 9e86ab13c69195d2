package dev.visage.ingest.infrastructure.jms;

import dev.visage.ingest.application.ImageJobService;
import dev.visage.ingest.application.TransientJobFailure;
import dev.visage.shared.json.JsonText;
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
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Consumes image-job messages (destination and concurrency: server.xml activation spec
 * {@code visage/ImageJobListener}). Malformed messages are dead-lettered at once; transient
 * failures roll back for the broker's backoff redelivery; the last allowed attempt parks
 * the message with its reason instead of letting the broker drop it reasonless.
 */
@MessageDriven(name = "ImageJobListener")
public class ImageJobListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(ImageJobListener.class.getName());

    @Resource
    MessageDrivenContext context;

    @Inject
    ImageJobService jobs;

    @Inject
    DeadLetters deadLetters;

    @Inject
    @ConfigProperty(name = "visage.queue.images")
    String queue;

    @Inject
    @ConfigProperty(name = "visage.max-delivery-attempts")
    int maxAttempts;

    @Override
    public void onMessage(Message message) {
        UUID jobId;
        try {
            jobId = parse(message);
        } catch (MalformedMessage e) {
            LOG.warning(() -> "dead-lettering malformed message: " + e.getMessage());
            deadLetters.park(message, queue, e.getMessage());
            return;
        }
        int attempt = Messages.deliveryCount(message);
        try {
            jobs.process(jobId, attempt, maxAttempts);
        } catch (TransientJobFailure e) {
            if (attempt >= maxAttempts) {
                String reason = "gave up after " + attempt + " attempts: " + e.getMessage();
                LOG.warning(() -> "job " + jobId + " " + reason);
                jobs.giveUp(jobId, reason);
                deadLetters.park(message, queue, reason);
            } else {
                LOG.info(() -> "job " + jobId + " attempt " + attempt + " failed, will retry: " + e.getMessage());
                context.setRollbackOnly();
            }
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

    private static final class MalformedMessage extends Exception {
        MalformedMessage(String message) {
            super(message);
        }
    }
}
