package dev.visage.inference.domain;

/** Limits below/above which a face is not good enough to index (all from configuration). */
public record QualityThresholds(double minFacePx, double minSharpness, double maxYaw, double maxRoll,
                                double minScore) {
}
