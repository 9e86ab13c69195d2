package dev.visage.inference.application.internal;

import dev.visage.inference.application.EmbeddingModel;
import dev.visage.inference.application.FaceAnalyzer;
import dev.visage.inference.application.MatchThresholds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Thresholds from the recognisers' calibration (visage.recognition.threshold.*) and the kiosk's override. */
@ApplicationScoped
public class DefaultMatchThresholds implements MatchThresholds {

    private final FaceAnalyzer analyzer;
    private final Optional<Double> recognitionOverride;

    @Inject
    public DefaultMatchThresholds(FaceAnalyzer analyzer,
                                  @ConfigProperty(name = "face.recognition.threshold") Optional<Double> recognitionOverride) {
        this.analyzer = analyzer;
        this.recognitionOverride = recognitionOverride;
    }

    /** For CDI proxies only. */
    protected DefaultMatchThresholds() {
        this(null, Optional.empty());
    }

    @Override
    public double sameFace(String model, Optional<String> operatingPoint) {
        EmbeddingModel m = analyzer.embeddingModel(model)
                .orElseThrow(() -> new IllegalArgumentException("unknown recogniser " + model));
        return m.threshold(operatingPoint);
    }

    @Override
    public double recognition() {
        return recognitionOverride.orElseGet(analyzer::matchThreshold);
    }
}
