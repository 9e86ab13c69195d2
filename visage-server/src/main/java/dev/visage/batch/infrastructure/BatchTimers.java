package dev.visage.batch.infrastructure;

import dev.visage.batch.application.internal.Enumerator;
import dev.visage.batch.application.internal.JobRegistry;
import dev.visage.batch.application.internal.WebhookDeliveries;
import dev.visage.shared.infrastructure.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The batch context's background rounds, started once the schema is ready: the sweeper starts
 * enumerations whose lease ran out (their instance died; after a restart this is how a digest
 * resumes finding images), and the webhook round delivers due completion webhooks.
 */
@ApplicationScoped
public class BatchTimers {

    private static final Logger LOG = Logger.getLogger(BatchTimers.class.getName());
    private static final int SWEEP_LIMIT = 20;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    JobRegistry registry;

    @Inject
    Enumerator enumerator;

    @Inject
    WebhookDeliveries webhooks;

    @Inject
    @ConfigProperty(name = "visage.batch.sweep-seconds")
    long sweepSeconds;

    @Inject
    @ConfigProperty(name = "visage.batch.webhook.poll-ms")
    long webhookPollMs;

    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

    void start(@Observes SchemaReady ready) {
        tasks.add(scheduler.scheduleWithFixedDelay(this::sweep, 1, sweepSeconds, TimeUnit.SECONDS));
        tasks.add(scheduler.scheduleWithFixedDelay(this::deliver, webhookPollMs, webhookPollMs, TimeUnit.MILLISECONDS));
    }

    private void sweep() {
        try {
            for (UUID job : registry.orphanedEnumerations(SWEEP_LIMIT)) {
                LOG.info(() -> "resuming the enumeration of batch " + job + " (its lease ran out)");
                enumerator.start(job);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "batch sweep failed, will retry: " + e.getMessage());
        }
    }

    private void deliver() {
        try {
            // Several rounds while there is work, so a backlog drains faster than one round per poll.
            while (webhooks.deliverDue() > 0) {
                LOG.fine("webhook round done");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "webhook round failed, will retry: " + e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        tasks.forEach(t -> t.cancel(false));
    }
}
