package dev.visage.console.application;

/** One broker queue's counters as management reports them. */
public record QueueStats(String name, String address, String routingType, boolean paused,
                         long messageCount, int consumerCount, long deliveringCount, long scheduledCount,
                         long messagesAdded, long messagesAcknowledged, long messagesExpired, long messagesKilled) {
}
