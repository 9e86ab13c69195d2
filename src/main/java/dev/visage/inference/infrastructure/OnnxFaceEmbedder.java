package dev.visage.inference.infrastructure;

import ai.onnxruntime.OrtException;
import dev.visage.inference.domain.AgeGender;
import dev.visage.inference.domain.FaceEmbedder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The recogniser chosen by {@code visage.embedder.model}: faceres (1024-d, 224 input, also
 * age/gender heads) or mobileface (256-d, 112 input). Both take RGB 0..255 as is.
 */
@ApplicationScoped
public class OnnxFaceEmbedder implements FaceEmbedder {

    private final OnnxModels models;
    private final String name;

    @Inject
    public OnnxFaceEmbedder(OnnxModels models,
                            @ConfigProperty(name = "visage.embedder.model", defaultValue = "faceres") String name) {
        if (!name.equals(OnnxModels.FACERES) && !name.equals(OnnxModels.MOBILEFACE)) {
            throw new IllegalArgumentException("visage.embedder.model must be faceres or mobileface, not " + name);
        }
        this.models = models;
        this.name = name;
    }

    /** For CDI proxies only. */
    protected OnnxFaceEmbedder() {
        this.models = null;
        this.name = OnnxModels.FACERES;
    }

    @Override
    public String model() {
        return name + "@" + OnnxModels.SOURCE;
    }

    @Override
    public int inputSize() {
        return OnnxModels.INPUT_SIDES.get(name);
    }

    @Override
    public EmbeddingBatch embed(float[] crops, int n) {
        Map<String, float[]> out;
        try {
            out = models.run(name, crops, n, inputSize());
        } catch (OrtException e) {
            throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
        }
        float[] flat = out.get("embedding");
        int dim = flat.length / n;
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] v = new float[dim];
            System.arraycopy(flat, i * dim, v, 0, dim);
            vectors[i] = normalise(v);
        }
        List<AgeGender> attributes = new ArrayList<>();
        if (out.containsKey("age") && out.containsKey("gender")) {
            for (int i = 0; i < n; i++) {
                attributes.add(AgeGender.decode(out.get("age"), i * 100, out.get("gender")[i]));
            }
        }
        return new EmbeddingBatch(vectors, List.copyOf(attributes));
    }

    static float[] normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        float inv = sum > 0 ? (float) (1 / Math.sqrt(sum)) : 0f;
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
