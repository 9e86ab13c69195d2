package dev.visage.shared.messaging;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

/** Small helpers over Jakarta Messaging headers. */
public final class Messages {

    private Messages() {
    }

    /** 1 on first delivery; the broker increments it on each redelivery. */
    public static int deliveryCount(Message message) {
        try {
            return message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 1;
        } catch (JMSException e) {
            return 1;
        }
    }
}
