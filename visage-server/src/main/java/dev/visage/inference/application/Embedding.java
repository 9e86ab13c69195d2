package dev.visage.inference.application;

/** An L2-normalised face embedding and the model (name@version) that produced it. */
public record Embedding(float[] vector, String model) {

    /** Cosine similarity; both are unit vectors. Embeddings of different models are not comparable. */
    public double cosine(Embedding other) {
        if (!model.equals(other.model) || vector.length != other.vector.length) {
            throw new IllegalArgumentException("embeddings of " + model + " and " + other.model + " are not comparable");
        }
        double dot = 0;
        for (int i = 0; i < vector.length; i++) {
            dot += (double) vector[i] * other.vector[i];
        }
        return dot;
    }
}
