package dev.visage.shared.messaging;

import jakarta.jms.Message;

/**
 * What a listener tells {@link MessageConsumer}: how to read its message, what to do with it and
 * what a failure means. The hooks decide what parking means for the listener (fail a job, count,
 * answer the requester); by default they park the message on the dead-letter queue with the reason.
 *
 * @param <T> the parsed request
 */
public interface MessageHandler<T> {

    /** What a failure of {@link #process} is. */
    enum Failure {
        /** Retrying cannot help (missing object, not an image): parked at once. */
        PERMANENT,
        /** Retried with the broker's back-off; the last allowed attempt gives up. */
        TRANSIENT,
        /** Not the handler's to judge: propagates, and the container rolls back. */
        UNEXPECTED
    }

    /** Parks the message being consumed on the dead-letter queue with a reason. */
    @FunctionalInterface
    interface Park {
        void park(String reason);
    }

    /** Reads the message; one it cannot read is malformed and never retried. */
    T parse(Message message) throws MalformedMessage;

    /** Which delivery this is (1: the first) and the last one allowed. */
    record Attempt(int number, int max) {
    }

    /** Does the work, inside the listener's container transaction. */
    void process(T request, Attempt attempt) throws Exception;

    Failure classify(Exception failure);

    /** The failure as the reason and log line say it. */
    default String why(Exception failure) {
        return failure.getMessage();
    }

    /** The request as log lines name it. */
    String describe(T request);

    default void malformed(Message message, String reason, Park park) {
        park.park(reason);
    }

    default void rejected(T request, String reason, Park park) {
        park.park(reason);
    }

    default void gaveUp(T request, String reason, Exception failure, Park park) {
        park.park(reason);
    }
}
