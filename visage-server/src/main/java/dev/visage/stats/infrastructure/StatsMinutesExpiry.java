package dev.visage.stats.infrastructure;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Deletes per-minute counters older than a day every ten minutes (charts read the last hour; the table stays small). */
@ApplicationScoped
public class StatsMinutesExpiry {

    private static final Logger LOG = Logger.getLogger(StatsMinutesExpiry.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    JpaPipelineStats stats;

    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object init) {
        task = scheduler.scheduleWithFixedDelay(this::purge, 10, 10, TimeUnit.MINUTES);
    }

    private void purge() {
        try {
            int n = stats.purgeMinutes();
            if (n > 0) {
                LOG.fine(() -> "purged " + n + " per-minute counter rows");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "purging per-minute counters failed, will retry: " + e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
