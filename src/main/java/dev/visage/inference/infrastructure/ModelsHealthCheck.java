package dev.visage.inference.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** UP once every face model's session is loaded and has run a warm-up inference. */
@Readiness
@ApplicationScoped
public class ModelsHealthCheck implements HealthCheck {

    private final OnnxModels models;

    @Inject
    public ModelsHealthCheck(OnnxModels models) {
        this.models = models;
    }

    /** For CDI proxies only. */
    protected ModelsHealthCheck() {
        this(null);
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("models")
                .withData("models", String.join(",", models.names()))
                .withData("version", OnnxModels.SOURCE)
                .withData("provider", models.provider());
        models.failure().ifPresent(f -> builder.withData("error", f));
        return builder.status(models.ready()).build();
    }
}
