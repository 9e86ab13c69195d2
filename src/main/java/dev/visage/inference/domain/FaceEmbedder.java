package dev.visage.inference.domain;

/** Turns aligned face crops into L2-normalised vectors with one batched model run. */
public interface FaceEmbedder {

    /** Model name and version, e.g. {@code faceres@human-models-3.0.4}; travels with every vector. */
    String model();

    /** Crop side in pixels (the model input). */
    int inputSize();

    /**
     * {@code crops}: n aligned crops, RGB HWC 0..255, concatenated. Models with attribute heads
     * (faceres) also return age/gender from the same run; others an empty list.
     */
    EmbeddingBatch embed(float[] crops, int n);

    /** L2-normalised vectors, and age/gender per face when the model provides them. */
    record EmbeddingBatch(float[][] vectors, java.util.List<AgeGender> attributes) {
    }
}
