package dev.visage.recognition.infrastructure;

import dev.visage.recognition.application.internal.EnrolmentCache;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import jakarta.json.JsonException;
import java.util.logging.Logger;

/**
 * Every instance's subscription to the management topic (activation spec
 * {@code visage/EnrolmentSyncListener}: a non-durable topic subscription, so each running
 * instance gets every change and a stopped one reloads from the database when it starts).
 * A malformed change is logged and dropped: there is no one to retry it for.
 */
@MessageDriven(name = "EnrolmentSyncListener")
public class EnrolmentSyncListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(EnrolmentSyncListener.class.getName());

    @Inject
    EnrolmentCache cache;

    @Override
    public void onMessage(Message message) {
        try {
            if (!(message instanceof TextMessage text)) {
                LOG.warning("dropping a non-text message on the management topic");
                return;
            }
            cache.apply(EnrolmentChangeJson.read(text.getText()));
        } catch (JMSException | JsonException | IllegalArgumentException | NullPointerException | ClassCastException e) {
            LOG.warning(() -> "dropping a malformed gallery change: " + e);
        }
    }
}
