package dev.visage.dedup.infrastructure;

import dev.visage.dedup.domain.TenantIndexes;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Holds this instance's {@link TenantIndexes} (VISAGE_DEDUP_MEMORY_INDEX) and runs its
 * catch-up every VISAGE_DEDUP_CATCH_UP_MS. A tenant whose catch-up fails for ten intervals
 * goes back to the SQL path until one succeeds.
 */
@ApplicationScoped
public class DedupMemoryIndex {

    private static final Logger LOG = Logger.getLogger(DedupMemoryIndex.class.getName());

    @Resource(lookup = "jdbc/visage")
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private TenantIndexes indexes;
    private long catchUpMillis;
    private ScheduledFuture<?> task;
    private boolean failing;

    @PostConstruct
    void init() {
        var config = ConfigProvider.getConfig();
        catchUpMillis = config.getValue("visage.dedup.catch-up-ms", Long.class);
        TenantIndexes.Limits limits = new TenantIndexes.Limits(
                config.getValue("visage.dedup.memory-max-tenants", Integer.class),
                config.getValue("visage.dedup.memory-max-entries", Long.class),
                Duration.ofMillis(catchUpMillis * 10), Duration.ofMinutes(10));
        indexes = new TenantIndexes(new JdbcDedupRows(dataSource), executor, Clock.systemUTC(),
                config.getValue("dedup.max.hamming", Integer.class), limits);
    }

    @Produces
    @Dependent
    TenantIndexes indexes() {
        return indexes;
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object init) {
        task = scheduler.scheduleWithFixedDelay(this::catchUp, catchUpMillis, catchUpMillis, TimeUnit.MILLISECONDS);
    }

    private void catchUp() {
        try {
            indexes.catchUp();
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.log(Level.INFO, "dedup catch-up failed, will retry: " + e.getMessage());
            }
            failing = true;
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
