package dev.visage.inference.infrastructure;

import ai.onnxruntime.OrtException;
import dev.visage.inference.domain.AgeGender;
import dev.visage.inference.domain.Aligner;
import dev.visage.inference.domain.FaceEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One ONNX recogniser, chosen by its short name ({@code visage.embedder.model}): faceres (1024-d, 224 input, also
 * age/gender heads), mobileface (256-d), faceplugin (512-d) and mfn192 (192-d), all on the ArcFace alignment at 112
 * (faceres ×2), or faceapi (face-api.js's dlib ResNet, 128-d, 150 input, on dlib's face chip alignment). All take
 * RGB 0..255 as is (each model's channel order and normalisation are inside its graph, see models/MODELS.md). Not a
 * bean: {@link OnnxFaceEmbedders} holds one per recogniser.
 */
public class OnnxFaceEmbedder implements FaceEmbedder {

    /** The value of {@code visage.embedder.model} that selects {@link OnnxModels#FACEAPI}. */
    public static final String FACEAPI = "faceapi";

    /** What Visage knows of one recogniser: the one place that maps a short name to its model file and shape. */
    record Spec(String alias, String file, String source, int dimensions, Aligner.Template template) {
    }

    /** Every recogniser, by short name, in the order {@link OnnxFaceEmbedders} lists them. */
    static final List<Spec> SPECS = List.of(
            new Spec(FACEAPI, OnnxModels.FACEAPI, OnnxModels.FACEAPI_SOURCE, 128, Aligner.Template.DLIB_CHIP),
            new Spec(OnnxModels.FACERES, OnnxModels.FACERES, OnnxModels.SOURCE, 1024, Aligner.Template.ARCFACE),
            new Spec(OnnxModels.MOBILEFACE, OnnxModels.MOBILEFACE, OnnxModels.SOURCE, 256, Aligner.Template.ARCFACE),
            new Spec("faceplugin", OnnxModels.FACEPLUGIN, OnnxModels.FACEPLUGIN_SOURCE, 512, Aligner.Template.ARCFACE),
            new Spec("mfn192", OnnxModels.MFN192, OnnxModels.MFN192_SOURCE, 192, Aligner.Template.ARCFACE));

    private final OnnxModels models;
    private final Spec spec;

    /** {@code name}: a short name, or the ONNX file name (faceapi-recognition for faceapi). */
    public OnnxFaceEmbedder(OnnxModels models, String name) {
        this.models = models;
        this.spec = SPECS.stream().filter(s -> s.alias().equals(name) || s.file().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("visage.embedder.model must be one of "
                        + SPECS.stream().map(Spec::alias).toList() + ", not " + name));
    }

    @Override
    public String model() {
        return spec.file() + "@" + spec.source();
    }

    @Override
    public String alias() {
        return spec.alias();
    }

    @Override
    public int dimensions() {
        return spec.dimensions();
    }

    @Override
    public int inputSize() {
        return OnnxModels.INPUT_SIDES.get(spec.file());
    }

    @Override
    public Aligner.Template template() {
        return spec.template();
    }

    @Override
    public EmbeddingBatch embed(float[] crops, int n) {
        Map<String, float[]> out;
        try {
            out = models.run(spec.file(), crops, n, inputSize());
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
