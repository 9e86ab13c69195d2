package dev.visage.inference.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The configured face models are packaged with the application and readable. */
@Readiness
@ApplicationScoped
public class ModelsHealthCheck implements HealthCheck {

    private final List<String> required;

    @Inject
    public ModelsHealthCheck(@ConfigProperty(name = "visage.models.required") List<String> required) {
        this.required = required;
    }

    /** For CDI proxies only. */
    protected ModelsHealthCheck() {
        this.required = List.of();
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("models");
        boolean all = true;
        for (String model : required) {
            boolean present = getClass().getClassLoader().getResource("models/" + model) != null;
            builder.withData(model, present ? "present" : "missing");
            all &= present;
        }
        return builder.status(all).build();
    }
}
