package dev.visage.inference.infrastructure;

import dev.visage.inference.domain.FaceEmbedder;
import dev.visage.inference.domain.FaceEmbedders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every ONNX recogniser ({@link OnnxFaceEmbedder#SPECS}) over the shared sessions of {@link OnnxModels}; thresholds
 * from configuration: {@code visage.recognition.threshold.<name>} (the default one) and, per named operating point,
 * {@code visage.recognition.threshold.<name>.<point>} (strict = FAR 1e-3, balanced = FAR 1e-2 on the degraded-pairs
 * calibration split, docs/recognition.md).
 */
@ApplicationScoped
public class OnnxFaceEmbedders implements FaceEmbedders {

    private final List<FaceEmbedder> all = new ArrayList<>();
    private final Map<String, Double> thresholds = new LinkedHashMap<>();
    private final Map<String, Map<String, Double>> operatingPoints = new LinkedHashMap<>();

    @Inject
    public OnnxFaceEmbedders(OnnxModels models,
                             @ConfigProperty(name = "visage.embedder.model", defaultValue = "faceres") String configured,
                             @ConfigProperty(name = "visage.recognition.threshold") double configuredThreshold,
                             Config config) {
        this(models, configured, configuredThreshold, key -> config.getOptionalValue(key, Double.class));
    }

    /** {@code settings}: a configuration lookup (tools and tests outside CDI pass the properties file). */
    public OnnxFaceEmbedders(OnnxModels models, String configured, double configuredThreshold,
                             Function<String, Optional<Double>> settings) {
        FaceEmbedder first = new OnnxFaceEmbedder(models, configured);
        all.add(first);
        for (OnnxFaceEmbedder.Spec spec : OnnxFaceEmbedder.SPECS) {
            if (!spec.alias().equals(first.alias())) {
                all.add(new OnnxFaceEmbedder(models, spec.alias()));
            }
        }
        for (FaceEmbedder e : all) {
            String key = "visage.recognition.threshold." + e.alias();
            thresholds.put(e.alias(), settings.apply(key).orElseThrow(() -> new IllegalStateException(key + " is not set")));
            Map<String, Double> points = new LinkedHashMap<>();
            for (String point : OPERATING_POINTS) {
                settings.apply(key + "." + point).ifPresent(t -> points.put(point, t));
            }
            operatingPoints.put(e.alias(), Map.copyOf(points));
        }
        // an explicit VISAGE_RECOGNITION_THRESHOLD applies to the configured recogniser
        thresholds.put(first.alias(), configuredThreshold);
    }

    /** For CDI proxies only. */
    protected OnnxFaceEmbedders() {
    }

    @Override
    public FaceEmbedder configured() {
        return all.get(0);
    }

    @Override
    public Optional<FaceEmbedder> find(String nameOrModel) {
        return all.stream().filter(e -> e.alias().equals(nameOrModel) || e.model().equals(nameOrModel)
                || e.model().startsWith(nameOrModel + "@")).findFirst();
    }

    @Override
    public List<FaceEmbedder> all() {
        return List.copyOf(all);
    }

    @Override
    public double threshold(FaceEmbedder embedder) {
        return thresholds.get(embedder.alias());
    }

    @Override
    public Map<String, Double> operatingPoints(FaceEmbedder embedder) {
        return operatingPoints.get(embedder.alias());
    }
}
