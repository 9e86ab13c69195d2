package dev.visage.console.application;

import java.time.Instant;
import java.util.Map;

/**
 * A dead letter for operators. {@code prettyBody} is the body re-indented when it is JSON;
 * {@code firstFailedAt} is when the message was first dead-lettered, {@code lastFailedAt}
 * the latest time (they differ once a retried message failed again).
 */
public record DeadLetterView(long id, String messageId, String originalQueue, String failureReason,
                             Integer deliveryAttempts, Instant firstFailedAt, Instant lastFailedAt,
                             String bodyType, String body, String prettyBody,
                             Map<String, Object> headers, Map<String, Object> properties) {
}
