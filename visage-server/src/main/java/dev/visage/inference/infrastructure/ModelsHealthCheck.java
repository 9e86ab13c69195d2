package dev.visage.inference.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * UP once every face model's session is loaded and has run a warm-up inference; also says
 * which library decodes JPEGs, since a missing libturbojpeg0 costs throughput silently.
 */
@Readiness
@ApplicationScoped
public class ModelsHealthCheck implements HealthCheck {

    private final OnnxModels models;
    private final TurboJpegDecoder decoder;

    @Inject
    public ModelsHealthCheck(OnnxModels models, TurboJpegDecoder decoder) {
        this.models = models;
        this.decoder = decoder;
    }

    /** For CDI proxies only. */
    protected ModelsHealthCheck() {
        this(null, null);
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("models")
                .withData("models", String.join(",", models.names()))
                .withData("version", OnnxModels.SOURCE)
                .withData("provider", models.provider())
                .withData("jpeg_decoder", decoder.jpegDecoder());
        models.failure().ifPresent(f -> builder.withData("error", f));
        return builder.status(models.ready()).build();
    }
}
