package dev.visage.console.domain;

import static dev.visage.contracts.messaging.DeadLetterProperties.ATTEMPTS;
import static dev.visage.contracts.messaging.DeadLetterProperties.FAILED_AT;
import static dev.visage.contracts.messaging.DeadLetterProperties.FIRST_FAILED_AT;
import static dev.visage.contracts.messaging.DeadLetterProperties.ORIGINAL_QUEUE;
import static dev.visage.contracts.messaging.DeadLetterProperties.REASON;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what Visage (see {@code shared.messaging.DeadLetters}) and the broker record on a
 * dead letter. Visage parks a copy with {@code visage_*} properties; the broker's own
 * dead letters carry only {@code _AMQ_ORIG_QUEUE}.
 */
public record DeadLetterFacts(String originalQueue, String failureReason, Integer deliveryAttempts,
                              Instant firstFailedAt, Instant lastFailedAt, boolean parkedByVisage) {

    public static final String BROKER_ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";

    /** Properties as management reports them; {@code timestamp} is when the message reached the DLQ. */
    public static DeadLetterFacts of(Map<String, Object> properties, Instant timestamp) {
        String visageQueue = string(properties.get(ORIGINAL_QUEUE));
        String queue = visageQueue != null ? visageQueue : string(properties.get(BROKER_ORIGINAL_QUEUE));
        Instant last = instant(properties.get(FAILED_AT)).orElse(timestamp);
        Instant first = instant(properties.get(FIRST_FAILED_AT)).orElse(last);
        return new DeadLetterFacts(queue, string(properties.get(REASON)), integer(properties.get(ATTEMPTS)),
                first, last, visageQueue != null);
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static Integer integer(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        if (value instanceof String s) {
            try {
                return Integer.valueOf(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Optional<Instant> instant(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.toString()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
