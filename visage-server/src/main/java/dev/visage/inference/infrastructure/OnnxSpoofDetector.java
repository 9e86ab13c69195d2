package dev.visage.inference.infrastructure;

import ai.onnxruntime.OrtException;
import dev.visage.inference.domain.SpoofDetector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** antispoof.onnx: face crop 128×128, RGB scaled to [0,1]; sigmoid output, higher = real. */
@ApplicationScoped
public class OnnxSpoofDetector implements SpoofDetector {

    private final OnnxModels models;

    @Inject
    public OnnxSpoofDetector(OnnxModels models) {
        this.models = models;
    }

    /** For CDI proxies only. */
    protected OnnxSpoofDetector() {
        this(null);
    }

    @Override
    public int inputSize() {
        return OnnxModels.INPUT_SIDES.get(OnnxModels.ANTISPOOF);
    }

    @Override
    public float[] realScores(float[] crops, int n) {
        int len = n * inputSize() * inputSize() * 3;
        float[] input = new float[len];
        for (int i = 0; i < len; i++) {
            input[i] = crops[i] / 255f;
        }
        try {
            return models.run(OnnxModels.ANTISPOOF, input, n, inputSize()).get("score");
        } catch (OrtException e) {
            throw new IllegalStateException("anti-spoofing failed: " + e.getMessage(), e);
        }
    }
}
