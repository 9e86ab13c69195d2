package dev.visage.inference.application;

import java.util.Map;
import java.util.Optional;

/**
 * A recogniser Visage can run.
 *
 * @param name            short name, as {@code visage.embedder.model} spells it (faceapi, faceres, mobileface,
 *                        faceplugin, mfn192)
 * @param model           name@version, as it travels with every vector
 * @param dimensions      vector length
 * @param matchThreshold  cosine similarity at or above which two of its embeddings are the same person
 * @param operatingPoints cosine threshold per named operating point (strict = FAR 1e-3, balanced = FAR 1e-2)
 */
public record EmbeddingModel(String name, String model, int dimensions, double matchThreshold,
                             Map<String, Double> operatingPoints) {

    public EmbeddingModel {
        operatingPoints = Map.copyOf(operatingPoints);
    }

    /**
     * The threshold for a named operating point, or {@link #matchThreshold()} when none is asked for (empty or
     * "default"); an unknown or unshipped name is an {@link IllegalArgumentException}.
     */
    public double threshold(Optional<String> operatingPoint) {
        String point = operatingPoint.map(String::trim).filter(p -> !p.isEmpty() && !p.equals("default")).orElse(null);
        if (point == null) {
            return matchThreshold;
        }
        Double t = operatingPoints.get(point);
        if (t == null) {
            throw new IllegalArgumentException("recogniser " + name + " has no operating point " + point + "; known: "
                    + operatingPoints.keySet());
        }
        return t;
    }
}
