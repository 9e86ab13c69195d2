package dev.visage.console.application;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Browse, retry, delete and export the dead-letter queue. */
public interface DeadLetterService {

    DeadLetterPage page(int page, int pageSize);

    Optional<DeadLetterView> find(long id);

    /** Sends the message back to its original queue; empty when no such dead letter exists. */
    Optional<RetryResult> retry(long id);

    /** Sends every dead letter back to its original queue. */
    RetryResult retryAll();

    boolean delete(long id);

    /** Every dead letter, oldest first. */
    List<DeadLetterView> export();

    record DeadLetterPage(String queue, long total, int page, int pageSize, Map<String, Long> byOriginalQueue,
                          List<DeadLetterView> items) {
    }

    /** How many messages went back, per queue ("(broker)" for the broker's own dead letters). */
    record RetryResult(int retried, Map<String, Integer> byQueue) {
    }
}
