package dev.visage.console.application.internal;

import dev.visage.console.application.BrokerManagement;
import dev.visage.console.application.BrokerMessage;
import dev.visage.console.application.DeadLetterService;
import dev.visage.console.application.DeadLetterView;
import dev.visage.console.application.NotRetryableException;
import dev.visage.console.domain.DeadLetterFacts;
import dev.visage.console.domain.JsonBodies;
import dev.visage.contracts.messaging.DeadLetterProperties;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Dead letters through the broker's management API. Visage parks copies itself (see
 * {@code shared.messaging.DeadLetters}), so the broker does not know where they came
 * from: they go back with a broker-side move to {@code visage_original_queue}. Messages
 * the broker dead-lettered on its own go back with its retry operation.
 */
@ApplicationScoped
public class DefaultDeadLetterService implements DeadLetterService {

    /** Management browses in pages; lookups by id walk them. */
    static final int SCAN_PAGE = 200;
    static final String BROKER_RETRIED = "(broker)";

    private final BrokerManagement broker;
    private final String deadLetterQueue;

    @Inject
    public DefaultDeadLetterService(BrokerManagement broker,
                                    @ConfigProperty(name = "visage.queue.dead-letter") String deadLetterQueue) {
        this.broker = broker;
        this.deadLetterQueue = deadLetterQueue;
    }

    /** For CDI proxies only. */
    protected DefaultDeadLetterService() {
        this(null, null);
    }

    @Override
    public DeadLetterPage page(int page, int pageSize) {
        List<DeadLetterView> items = broker.browse(deadLetterQueue, page, pageSize).stream().map(this::view).toList();
        return new DeadLetterPage(deadLetterQueue, broker.countMessages(deadLetterQueue), page, pageSize,
                broker.countMessagesBy(deadLetterQueue, DeadLetterProperties.ORIGINAL_QUEUE), items);
    }

    @Override
    public Optional<DeadLetterView> find(long id) {
        for (int page = 1; ; page++) {
            List<BrokerMessage> messages = broker.browse(deadLetterQueue, page, SCAN_PAGE);
            for (BrokerMessage m : messages) {
                if (m.id() == id) {
                    return Optional.of(view(m));
                }
            }
            if (messages.size() < SCAN_PAGE) {
                return Optional.empty();
            }
        }
    }

    @Override
    public Optional<RetryResult> retry(long id) {
        Optional<DeadLetterView> found = find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DeadLetterView letter = found.get();
        boolean parkedByVisage = letter.properties().containsKey(DeadLetterProperties.ORIGINAL_QUEUE);
        if (parkedByVisage) {
            String target = checkedTarget(letter.originalQueue());
            if (!broker.moveMessage(deadLetterQueue, id, target)) {
                return Optional.empty();
            }
            return Optional.of(new RetryResult(1, Map.of(target, 1)));
        }
        if (letter.originalQueue() == null) {
            throw new NotRetryableException("dead letter " + id + " names no original queue");
        }
        if (!broker.retryMessage(deadLetterQueue, id)) {
            return Optional.empty();
        }
        return Optional.of(new RetryResult(1, Map.of(letter.originalQueue(), 1)));
    }

    @Override
    public RetryResult retryAll() {
        Map<String, Integer> byQueue = new LinkedHashMap<>();
        int total = 0;
        for (String queue : broker.countMessagesBy(deadLetterQueue, DeadLetterProperties.ORIGINAL_QUEUE).keySet()) {
            if (!retryable(queue)) {
                // Left on the DLQ for a person to look at (a retry would loop or go astray).
                continue;
            }
            int moved = broker.moveMessages(deadLetterQueue,
                    DeadLetterProperties.ORIGINAL_QUEUE + " = '" + queue.replace("'", "''") + "'", queue);
            byQueue.put(queue, moved);
            total += moved;
        }
        int byBroker = broker.retryMessages(deadLetterQueue);
        if (byBroker > 0) {
            byQueue.put(BROKER_RETRIED, byBroker);
        }
        return new RetryResult(total + byBroker, byQueue);
    }

    @Override
    public boolean delete(long id) {
        return broker.removeMessage(deadLetterQueue, id);
    }

    @Override
    public List<DeadLetterView> export() {
        List<DeadLetterView> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            List<BrokerMessage> messages = broker.browse(deadLetterQueue, page, SCAN_PAGE);
            messages.stream().map(this::view).forEach(all::add);
            if (messages.size() < SCAN_PAGE) {
                return all;
            }
        }
    }

    private String checkedTarget(String queue) {
        if (!retryable(queue)) {
            throw new NotRetryableException("will not send a dead letter to '" + queue + "': only Visage queues"
                    + " other than " + deadLetterQueue + " are retry targets");
        }
        return queue;
    }

    /** Only Visage's own queues, and never the DLQ itself (a retry there would loop). */
    private boolean retryable(String queue) {
        return queue != null && queue.startsWith(DefaultQueueMonitor.VISAGE_PREFIX) && !queue.equals(deadLetterQueue);
    }

    private DeadLetterView view(BrokerMessage m) {
        Object timestamp = m.headers().get("timestamp");
        DeadLetterFacts facts = DeadLetterFacts.of(m.properties(),
                timestamp == null ? null : Instant.parse(timestamp.toString()));
        return new DeadLetterView(m.id(), (String) m.headers().get("user_id"), facts.originalQueue(),
                facts.failureReason(), facts.deliveryAttempts(), facts.firstFailedAt(), facts.lastFailedAt(),
                m.bodyType(), m.text(), JsonBodies.pretty(m.text()).orElse(null), m.headers(), m.properties());
    }
}
