package dev.visage.inference.application;

/**
 * A recogniser Visage can run.
 *
 * @param name           short name, as {@code visage.embedder.model} spells it (faceapi, faceres, mobileface)
 * @param model          name@version, as it travels with every vector
 * @param dimensions     vector length
 * @param matchThreshold cosine similarity at or above which two of its embeddings are the same person
 */
public record EmbeddingModel(String name, String model, int dimensions, double matchThreshold) {
}
