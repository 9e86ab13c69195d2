package dev.visage.shared.infrastructure.health;

import dev.visage.shared.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The object store accepts a write. */
@Readiness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {

    private final ObjectStore store;

    @Inject
    public StorageHealthCheck(ObjectStore store) {
        this.store = store;
    }

    /** For CDI proxies only. */
    protected StorageHealthCheck() {
        this.store = null;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("storage").withData("location", store.describe());
        try {
            store.probe();
            return builder.up().build();
        } catch (IOException | RuntimeException e) {
            return builder.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
