package dev.visage.batch.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Completion webhooks waiting to be delivered. A job's webhook is scheduled in the transaction
 * that ends the job, so it is sent if and only if the job ended; deliveries are retried with
 * back-off until they succeed or run out of attempts.
 */
public interface WebhookOutbox {

    /** @param attempts deliveries tried so far */
    record Delivery(UUID jobId, String url, int attempts) {
    }

    void schedule(UUID jobId, String url, Instant now);

    /** Due deliveries, locked for this transaction (another instance skips them). */
    List<Delivery> due(Instant now, int limit);

    void delivered(UUID jobId, int status, Instant now);

    /** @param next null: give up */
    void failed(UUID jobId, String reason, Integer status, Instant next, Instant now);

    /** For tests and operators: attempts so far and whether it was delivered. */
    record State(int attempts, Instant deliveredAt, Instant gaveUpAt, String lastError) {
    }

    java.util.Optional<State> state(UUID jobId);
}
