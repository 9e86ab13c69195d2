package dev.visage.inference.domain;

import java.util.List;

/** Finds faces in a photo; results in photo pixels, highest score first. */
public interface FaceDetector {

    /** Faces down to the configured smallest face ({@code visage.detector.min-face-px}). */
    List<Detection> detect(RgbImage image, double minScore);

    /**
     * Faces down to {@code minFacePx} photo pixels (for photos up to 2 MP; larger photos scale
     * it with their side). A caller that rejects smaller faces anyway (the ingest pipeline's
     * quality gate) saves the work of looking for them.
     */
    List<Detection> detect(RgbImage image, double minScore, double minFacePx);
}
