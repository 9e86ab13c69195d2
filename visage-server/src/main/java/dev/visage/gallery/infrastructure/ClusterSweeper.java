package dev.visage.gallery.infrastructure;

import dev.visage.gallery.application.Clustering;
import dev.visage.shared.infrastructure.SchemaReady;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Incremental clustering: every few seconds, the faces stored since the last sweep are placed into
 * their scopes. Polling ingest's table (rather than observing an event from the pipeline) clusters faces
 * whatever wrote them (queue, uploads, digests, batches), keeps clustering out of the pipeline's
 * transaction, and loses nothing across restarts: the position is a row in the database. One instance
 * sweeps at a time (a PostgreSQL advisory lock).
 */
@ApplicationScoped
public class ClusterSweeper {

    private static final Logger LOG = Logger.getLogger(ClusterSweeper.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Clustering clustering;
    private final boolean enabled;
    private final long intervalMillis;
    private ScheduledFuture<?> task;

    @Inject
    public ClusterSweeper(Clustering clustering, @ConfigProperty(name = "visage.cluster.incremental") boolean enabled,
                          @ConfigProperty(name = "visage.cluster.sweep-interval-ms") long intervalMillis) {
        this.clustering = clustering;
        this.enabled = enabled;
        this.intervalMillis = intervalMillis;
    }

    /** For CDI proxies only. */
    protected ClusterSweeper() {
        this(null, false, 1000);
    }

    synchronized void start(@Observes SchemaReady ready) {
        if (enabled && task == null) {
            task = scheduler.scheduleWithFixedDelay(this::sweep, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
            LOG.info(() -> "incremental clustering: sweeping new faces every " + intervalMillis + " ms");
        }
    }

    private void sweep() {
        try {
            int n = clustering.sweep();
            if (n > 0) {
                LOG.fine(() -> "clustering sweep placed " + n + " new faces");
            }
        } catch (RuntimeException e) {
            // the database may be briefly away; the next run starts from the same committed position
            LOG.log(Level.INFO, "clustering sweep failed, will retry: " + e, e);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
