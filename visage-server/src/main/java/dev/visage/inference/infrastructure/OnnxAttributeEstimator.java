package dev.visage.inference.infrastructure;

import ai.onnxruntime.OrtException;
import dev.visage.inference.domain.AgeGender;
import dev.visage.inference.domain.AttributeEstimator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Age and gender from faceres' heads (used when the embedder is not faceres itself). */
@ApplicationScoped
public class OnnxAttributeEstimator implements AttributeEstimator {

    private final OnnxModels models;

    @Inject
    public OnnxAttributeEstimator(OnnxModels models) {
        this.models = models;
    }

    /** For CDI proxies only. */
    protected OnnxAttributeEstimator() {
        this(null);
    }

    @Override
    public int inputSize() {
        return OnnxModels.INPUT_SIDES.get(OnnxModels.FACERES);
    }

    @Override
    public List<AgeGender> estimate(float[] crops, int n) {
        Map<String, float[]> out;
        try {
            out = models.run(OnnxModels.FACERES, crops, n, inputSize());
        } catch (OrtException e) {
            throw new IllegalStateException("age/gender estimation failed: " + e.getMessage(), e);
        }
        List<AgeGender> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(AgeGender.decode(out.get("age"), i * 100, out.get("gender")[i]));
        }
        return result;
    }
}
