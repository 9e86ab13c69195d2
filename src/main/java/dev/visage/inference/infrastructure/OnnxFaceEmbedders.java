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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The three ONNX recognisers over the shared sessions of {@link OnnxModels}; thresholds from configuration. */
@ApplicationScoped
public class OnnxFaceEmbedders implements FaceEmbedders {

    private final List<FaceEmbedder> all = new ArrayList<>();
    private final Map<String, Double> thresholds = new LinkedHashMap<>();

    @Inject
    public OnnxFaceEmbedders(OnnxModels models,
                             @ConfigProperty(name = "visage.embedder.model", defaultValue = "faceres") String configured,
                             @ConfigProperty(name = "visage.recognition.threshold") double configuredThreshold,
                             @ConfigProperty(name = "visage.recognition.threshold.faceapi") double faceapi,
                             @ConfigProperty(name = "visage.recognition.threshold.faceres") double faceres,
                             @ConfigProperty(name = "visage.recognition.threshold.mobileface") double mobileface) {
        FaceEmbedder first = new OnnxFaceEmbedder(models, configured);
        all.add(first);
        for (String name : List.of(OnnxFaceEmbedder.FACEAPI, OnnxModels.FACERES, OnnxModels.MOBILEFACE)) {
            if (!name.equals(first.alias())) {
                all.add(new OnnxFaceEmbedder(models, name));
            }
        }
        thresholds.put(OnnxFaceEmbedder.FACEAPI, faceapi);
        thresholds.put(OnnxModels.FACERES, faceres);
        thresholds.put(OnnxModels.MOBILEFACE, mobileface);
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
}
