package dev.visage.contracts.messaging;

/**
 * The message properties Visage sets on a message it parks on the dead-letter queue, so that an
 * operator or another JMS application can tell why and where from (docs/messaging.md).
 */
public final class DeadLetterProperties {

    /** Why the message could not be processed, in words (at most 1 000 characters). */
    public static final String REASON = "visage_failure_reason";
    /** The queue the message was consumed from. */
    public static final String ORIGINAL_QUEUE = "visage_original_queue";
    /** How many deliveries were attempted before it was parked. */
    public static final String ATTEMPTS = "visage_delivery_attempts";
    /** When it was parked (ISO-8601). */
    public static final String FAILED_AT = "visage_failed_at";
    /** Kept across retries from the dead-letter queue: when the message was first parked. */
    public static final String FIRST_FAILED_AT = "visage_first_failed_at";
    /** The JMS message id of the message as it was first consumed. */
    public static final String ORIGINAL_MESSAGE_ID = "visage_original_message_id";

    private DeadLetterProperties() {
    }
}
