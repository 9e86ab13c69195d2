package dev.visage.recognition.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.transaction.Transactional;
import java.util.logging.Logger;

/** Sends replies to JMSReplyTo with the correlation id the requester waits for. */
@ApplicationScoped
public class Replies {

    private static final Logger LOG = Logger.getLogger(Replies.class.getName());

    /** Replies nobody picks up (the requester gave up) expire instead of piling up. */
    private static final long REPLY_TTL_MS = 300_000;

    @Resource(lookup = "jms/visage")
    ConnectionFactory connectionFactory;

    /** In the caller's transaction: the reply leaves when the request's work commits. */
    public void send(Message request, String body) {
        try {
            Destination replyTo = request.getJMSReplyTo();
            if (replyTo == null) {
                return;
            }
            String correlation = request.getJMSCorrelationID() != null ? request.getJMSCorrelationID()
                    : request.getJMSMessageID();
            try (JMSContext jms = connectionFactory.createContext()) {
                jms.createProducer().setJMSCorrelationID(correlation).setTimeToLive(REPLY_TTL_MS)
                        .send(replyTo, body);
            }
        } catch (JMSException | JMSRuntimeException e) {
            // the requester's temporary queue is gone: it stopped waiting, and the work stands
            LOG.warning(() -> "could not reply to a recognition request: " + e);
        }
    }

    /** In a transaction of its own, for the last attempt of a request whose own transaction rolls back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void giveUp(Message request, String body, Runnable park) {
        send(request, body);
        park.run();
    }
}
