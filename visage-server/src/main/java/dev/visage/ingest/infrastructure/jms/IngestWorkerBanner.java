package dev.visage.ingest.infrastructure.jms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Logs the worker's settings at start-up, as the runbook's worker did ("Consumer: pipe-{host}-{pid}"). */
@ApplicationScoped
public class IngestWorkerBanner {

    private static final Logger LOG = Logger.getLogger(IngestWorkerBanner.class.getName());

    private final String queue;
    private final String group;
    private final Optional<String> consumer;
    private final int concurrency;
    private final boolean enabled;

    @Inject
    public IngestWorkerBanner(@ConfigProperty(name = "redis.stream.name") String queue,
                              @ConfigProperty(name = "redis.group.name") String group,
                              @ConfigProperty(name = "redis.consumer.name") Optional<String> consumer,
                              @ConfigProperty(name = "max.worker.concurrency") int concurrency,
                              @ConfigProperty(name = "enable.queue.worker") boolean enabled) {
        this.queue = queue;
        this.group = group;
        this.consumer = consumer;
        this.concurrency = concurrency;
        this.enabled = enabled;
    }

    /** For CDI proxies only. */
    protected IngestWorkerBanner() {
        this(null, null, Optional.empty(), 0, false);
    }

    void log(@Observes @Initialized(ApplicationScoped.class) Object start) {
        if (!enabled) {
            LOG.info("ingest worker disabled (ENABLE_QUEUE_WORKER=false): this instance only accepts messages");
            return;
        }
        String name = consumer.filter(c -> !c.isBlank()).orElseGet(IngestWorkerBanner::defaultName);
        LOG.info(() -> "ingest worker: queue " + queue + ", group " + group + " (the queue itself on Artemis), consumer "
                + name + ", " + concurrency + " concurrent sessions");
    }

    static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return "pipe-" + host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
