package dev.visage.inference.infrastructure;

import ai.onnxruntime.OrtException;
import dev.visage.inference.domain.AgeGender;
import dev.visage.inference.domain.Aligner;
import dev.visage.inference.domain.FaceEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The recogniser chosen by {@code visage.embedder.model}: faceres (1024-d, 224 input, also
 * age/gender heads), mobileface (256-d, 112 input), both on the ArcFace alignment, or faceapi
 * (face-api.js's dlib ResNet, 128-d, 150 input, on dlib's face chip alignment). All take RGB
 * 0..255 as is (any normalisation is inside the graphs). Not a bean: {@link OnnxFaceEmbedders} holds one
 * per recogniser.
 */
public class OnnxFaceEmbedder implements FaceEmbedder {

    /** The value of {@code visage.embedder.model} that selects {@link OnnxModels#FACEAPI}. */
    public static final String FACEAPI = "faceapi";

    /** Vector length per ONNX model name. */
    static final Map<String, Integer> DIMENSIONS = Map.of(OnnxModels.FACERES, 1024, OnnxModels.MOBILEFACE, 256,
            OnnxModels.FACEAPI, 128);

    private final OnnxModels models;
    /** The ONNX model (file) name. */
    private final String name;

    public OnnxFaceEmbedder(OnnxModels models, String name) {
        this.models = models;
        this.name = switch (name) {
            case OnnxModels.FACERES, OnnxModels.MOBILEFACE -> name;
            case FACEAPI, OnnxModels.FACEAPI -> OnnxModels.FACEAPI;
            default -> throw new IllegalArgumentException(
                    "visage.embedder.model must be faceres, mobileface or faceapi, not " + name);
        };
    }

    @Override
    public String model() {
        return name + "@" + (name.equals(OnnxModels.FACEAPI) ? OnnxModels.FACEAPI_SOURCE : OnnxModels.SOURCE);
    }

    @Override
    public String alias() {
        return name.equals(OnnxModels.FACEAPI) ? FACEAPI : name;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS.get(name);
    }

    @Override
    public int inputSize() {
        return OnnxModels.INPUT_SIDES.get(name);
    }

    @Override
    public Aligner.Template template() {
        return name.equals(OnnxModels.FACEAPI) ? Aligner.Template.DLIB_CHIP : Aligner.Template.ARCFACE;
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
