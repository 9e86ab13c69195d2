package dev.visage.inference.domain;

/** Turns aligned face crops into L2-normalised vectors with one batched model run. */
public interface FaceEmbedder {

    /** Model name and version, e.g. {@code faceres@human-models-3.0.4}; travels with every vector. */
    String model();

    /** The short name it is configured by (faceapi, faceres, mobileface). */
    default String alias() {
        return model();
    }

    /** Length of its vectors. */
    int dimensions();

    /** Crop side in pixels (the model input). */
    int inputSize();

    /** The alignment template the recogniser was trained on (ArcFace unless it says otherwise). */
    default Aligner.Template template() {
        return Aligner.Template.ARCFACE;
    }

    /**
     * {@code crops}: n aligned crops, RGB HWC 0..255, concatenated. Models with attribute heads
     * (faceres) also return age/gender from the same run; others an empty list.
     */
    EmbeddingBatch embed(float[] crops, int n);

    /** L2-normalised vectors, and age/gender per face when the model provides them. */
    record EmbeddingBatch(float[][] vectors, java.util.List<AgeGender> attributes) {
    }
}
