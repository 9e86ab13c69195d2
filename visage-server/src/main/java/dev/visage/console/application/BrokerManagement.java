package dev.visage.console.application;

import java.util.List;
import java.util.Map;

/**
 * The broker's management API (a port; Artemis through Jolokia in infrastructure).
 * Every method throws {@link BrokerManagementException} when management is unreachable.
 */
public interface BrokerManagement {

    /** Every queue whose address starts with the prefix, with its counters. */
    List<QueueStats> queues(String addressPrefix);

    /** One page (1-based) of the queue's messages, oldest first. */
    List<BrokerMessage> browse(String queue, int page, int pageSize);

    long countMessages(String queue);

    /** Message counts grouped by a property's value (messages without it are not counted). */
    Map<String, Long> countMessagesBy(String queue, String property);

    /** Moves one message to another queue in one broker transaction; false when it is gone. */
    boolean moveMessage(String queue, long messageId, String targetQueue);

    /** Moves every message matching the filter (a JMS selector) to another queue; the number moved. */
    int moveMessages(String queue, String filter, String targetQueue);

    /** Sends one message back to the address the broker dead-lettered it from; false when unknown. */
    boolean retryMessage(String queue, long messageId);

    /** Sends back every message the broker itself dead-lettered; the number sent. */
    int retryMessages(String queue);

    boolean removeMessage(String queue, long messageId);
}
