package dev.visage.gallery.application.internal;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A cluster's representative face: the member nearest the centroid of the members' unit vectors. */
final class Representatives {

    private Representatives() {
    }

    static Optional<UUID> nearestCentroid(Map<UUID, float[]> vectors) {
        if (vectors.isEmpty()) {
            return Optional.empty();
        }
        int dims = vectors.values().iterator().next().length;
        double[] centroid = new double[dims];
        for (float[] v : vectors.values()) {
            for (int i = 0; i < dims; i++) {
                centroid[i] += v[i];
            }
        }
        UUID best = null;
        double bestDot = Double.NEGATIVE_INFINITY;
        for (Map.Entry<UUID, float[]> e : vectors.entrySet()) {
            double dot = 0;
            for (int i = 0; i < dims; i++) {
                dot += centroid[i] * e.getValue()[i];
            }
            if (dot > bestDot) {
                bestDot = dot;
                best = e.getKey();
            }
        }
        return Optional.of(best);
    }
}
