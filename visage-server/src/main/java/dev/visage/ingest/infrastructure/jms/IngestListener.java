package dev.visage.ingest.infrastructure.jms;

import dev.visage.ingest.application.FacePipeline;
import dev.visage.contracts.ingest.IngestMessage;
import dev.visage.ingest.application.IngestMessages;
import dev.visage.shared.messaging.MalformedMessage;
import dev.visage.shared.messaging.MessageConsumer;
import dev.visage.shared.messaging.MessageHandler;
import dev.visage.stats.application.PipelineStats;
import jakarta.annotation.Resource;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The face-pipeline worker: consumes REDIS_STREAM_NAME (server.xml activation spec
 * {@code visage/IngestListener}, maxSession = MAX_WORKER_CONCURRENCY, not started when
 * ENABLE_QUEUE_WORKER=false). Container-managed XA transaction: the pipeline's rows, dedup
 * entries, counters and the acknowledgement commit together.
 * <ul>
 *   <li>malformed message → visage.DLQ at once, reason as a property;</li>
 *   <li>permanent failure (object missing, hash mismatch, not an image) → visage.DLQ with reason;</li>
 *   <li>transient failure → rollback, the broker redelivers with back-off; the last allowed attempt is parked.</li>
 * </ul>
 */
@MessageDriven(name = "IngestListener")
public class IngestListener implements MessageListener {

    private static final MessageConsumer.Inbox INBOX =
            new MessageConsumer.Inbox("redis.stream.name", "visage.max-delivery-attempts");

    @Resource
    MessageDrivenContext context;

    @Inject
    FacePipeline pipeline;

    @Inject
    PipelineStats stats;

    @Inject
    MessageConsumer consumer;

    @Override
    public void onMessage(Message message) {
        consumer.consume(message, context, INBOX, new Handler());
    }

    /** Every dead letter of this queue is counted, per tenant when the message named one. */
    private final class Handler implements MessageHandler<IngestMessage> {

        @Override
        public IngestMessage parse(Message message) throws MalformedMessage {
            try {
                return IngestMessages.parse(body(message));
            } catch (IngestMessages.InvalidMessage e) {
                throw new MalformedMessage(e.getMessage());
            }
        }

        @Override
        public void process(IngestMessage m, Attempt attempt) throws FacePipeline.PermanentFailure, FacePipeline.TransientFailure {
            pipeline.process(m);
        }

        @Override
        public Failure classify(Exception failure) {
            return failure instanceof FacePipeline.PermanentFailure ? Failure.PERMANENT
                    : failure instanceof FacePipeline.TransientFailure ? Failure.TRANSIENT : Failure.UNEXPECTED;
        }

        @Override
        public String describe(IngestMessage m) {
            return "message " + m.imageSha256() + " of " + m.tenantId();
        }

        @Override
        public void malformed(Message message, String reason, Park park) {
            parkAndCount(null, reason, park);
        }

        @Override
        public void rejected(IngestMessage m, String reason, Park park) {
            parkAndCount(m.tenantId(), reason, park);
        }

        @Override
        public void gaveUp(IngestMessage m, String reason, Exception failure, Park park) {
            parkAndCount(m.tenantId(), reason, park);
        }

        private void parkAndCount(String tenantId, String reason, Park park) {
            park.park(reason);
            stats.count(tenantId, Map.of(PipelineStats.WORKER_MSGS_DLQ, 1L));
        }
    }

    /** TextMessage body; MapMessage entry {@code message} (preferred) or {@code data} (legacy); BytesMessage as UTF-8. */
    static String body(Message message) throws IngestMessages.InvalidMessage {
        try {
            if (message instanceof TextMessage text) {
                return text.getText();
            }
            if (message instanceof MapMessage map) {
                if (map.itemExists("message") && map.getObject("message") != null) {
                    return map.getString("message");
                }
                if (map.itemExists("data") && map.getObject("data") != null) {
                    return map.getString("data");
                }
                throw new IngestMessages.InvalidMessage("MapMessage has neither a 'message' nor a 'data' entry");
            }
            if (message instanceof BytesMessage bytes) {
                byte[] b = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(b);
                return new String(b, StandardCharsets.UTF_8);
            }
            throw new IngestMessages.InvalidMessage("unsupported message type " + message.getClass().getSimpleName()
                    + ": send a TextMessage or a MapMessage with a 'message' entry");
        } catch (JMSException e) {
            throw new IngestMessages.InvalidMessage("unreadable message body: " + e.getMessage());
        }
    }
}
