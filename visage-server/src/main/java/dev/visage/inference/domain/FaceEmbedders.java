package dev.visage.inference.domain;

import java.util.List;
import java.util.Optional;

/**
 * Every recogniser this instance can run (all of them are loaded), the configured one first, with the
 * same-person threshold calibrated for each. Lets a re-index embed with another model than the configured one.
 */
public interface FaceEmbedders {

    /** The recogniser {@code visage.embedder.model} names. */
    FaceEmbedder configured();

    /** By short name (faceapi, faceres, mobileface) or by model ({@code name@version}). */
    Optional<FaceEmbedder> find(String nameOrModel);

    /** The configured one first. */
    List<FaceEmbedder> all();

    /** Named operating points every recogniser may ship a threshold for: FAR 1e-3 and FAR 1e-2. */
    List<String> OPERATING_POINTS = List.of("strict", "balanced");

    /** Cosine similarity at or above which two embeddings of this recogniser are the same person. */
    double threshold(FaceEmbedder embedder);

    /** Threshold per named operating point ({@link #OPERATING_POINTS}) this recogniser ships; may be empty. */
    java.util.Map<String, Double> operatingPoints(FaceEmbedder embedder);
}
