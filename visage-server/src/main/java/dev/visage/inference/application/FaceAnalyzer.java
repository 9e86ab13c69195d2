package dev.visage.inference.application;

/**
 * The inference context's service: faces in a photo with their quality, attributes,
 * anti-spoofing score and embedding. Thread-safe.
 */
public interface FaceAnalyzer {

    AnalysisResult analyze(byte[] image, AnalyzeOptions options) throws UndecodableImageException;

    /**
     * The photo decoded at the resolution analysis works at: a JPEG larger than twice the
     * analysis size comes back at a reduced DCT scale ({@link DecodedImage#scale()}), which costs
     * a fraction of a full decode and of shrinking it afterwards. Faces found in it are still
     * given in the photo's own pixels.
     */
    DecodedImage decode(byte[] image) throws UndecodableImageException;

    /** For callers that already decoded the photo (e.g. with {@link ImageDecoder}). */
    AnalysisResult analyze(DecodedImage image, AnalyzeOptions options);

    /** The embedding model in use, e.g. {@code faceres@human-models-3.0.4}. */
    String embeddingModel();

    /** Cosine similarity at or above which two embeddings of {@link #embeddingModel()} are the same person. */
    double matchThreshold();

    /** Every recogniser {@link AnalyzeOptions#embedder()} may name, the configured one first. */
    java.util.List<EmbeddingModel> embeddingModels();

    /** A recogniser by short name (faceapi) or by model (name@version). */
    default java.util.Optional<EmbeddingModel> embeddingModel(String nameOrModel) {
        return embeddingModels().stream().filter(m -> m.name().equals(nameOrModel) || m.model().equals(nameOrModel)
                || m.model().startsWith(nameOrModel + "@")).findFirst();
    }
}
