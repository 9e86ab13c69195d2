package dev.visage.console.application;

/** A queue for the console: its counters and rates per second (null until two samples exist). */
public record QueueView(String name, String address, String routingType, boolean paused,
                        long depth, int consumers, long inFlight, long scheduled,
                        long messagesAdded, long messagesAcknowledged, long messagesExpired, long messagesKilled,
                        Double addedPerSecond, Double acknowledgedPerSecond) {
}
