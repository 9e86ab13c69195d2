package dev.visage.console.application.internal;

import dev.visage.console.application.BrokerManagement;
import dev.visage.console.application.QueueMonitor;
import dev.visage.console.application.QueueStats;
import dev.visage.console.application.QueueView;
import dev.visage.console.domain.QueueRates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

@ApplicationScoped
public class DefaultQueueMonitor implements QueueMonitor {

    /** Every Visage destination lives under this prefix (broker/broker.xml). */
    static final String VISAGE_PREFIX = "visage.";

    private final BrokerManagement broker;
    private final Clock clock;
    // Rates need the previous look; one tracker per application instance is enough for a console.
    private final QueueRates rates = new QueueRates();

    @Inject
    public DefaultQueueMonitor(BrokerManagement broker, Clock clock) {
        this.broker = broker;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected DefaultQueueMonitor() {
        this(null, null);
    }

    @Override
    public List<QueueView> queues() {
        Instant now = clock.instant();
        return broker.queues(VISAGE_PREFIX).stream()
                .sorted(Comparator.comparing(QueueStats::name))
                .map(q -> {
                    QueueRates.Rates r = rates.observe(q.name(), q.messagesAdded(), q.messagesAcknowledged(), now);
                    return new QueueView(q.name(), q.address(), q.routingType(), q.paused(), q.messageCount(),
                            q.consumerCount(), q.deliveringCount(), q.scheduledCount(), q.messagesAdded(),
                            q.messagesAcknowledged(), q.messagesExpired(), q.messagesKilled(), r.added(), r.acknowledged());
                })
                .toList();
    }
}
