package dev.visage.dedup.infrastructure;

import dev.visage.dedup.domain.TenantIndexes;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Deletes expired dedup entries once a minute, in the tables and in memory (lookups already ignore them; this keeps both small). */
@ApplicationScoped
public class DedupExpiry {

    private static final Logger LOG = Logger.getLogger(DedupExpiry.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    JpaDedupService dedup;

    @Inject
    TenantIndexes indexes;

    private ScheduledFuture<?> task;

    void start(@Observes @Initialized(ApplicationScoped.class) Object init) {
        task = scheduler.scheduleWithFixedDelay(this::purge, 60, 60, TimeUnit.SECONDS);
    }

    private void purge() {
        try {
            long n = dedup.purgeExpired();
            long held = indexes.purge();
            LOG.fine(() -> "dropped " + held + " expired entries from the in-memory dedup index");
            if (n > 0) {
                LOG.fine(() -> "purged " + n + " expired dedup entries");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "dedup purge failed, will retry: " + e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
