package dev.visage.shared.infrastructure.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive unless the heap is nearly exhausted after collection: then a restart helps. */
@Liveness
@ApplicationScoped
public class HeapLivenessCheck implements HealthCheck {

    private static final double LIMIT = 0.98;

    @Override
    public HealthCheckResponse call() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        double used = (double) heap.getUsed() / max;
        return HealthCheckResponse.named("heap").status(used < LIMIT)
                .withData("used_bytes", heap.getUsed()).withData("max_bytes", max).build();
    }
}
