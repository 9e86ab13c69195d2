package dev.visage.inference.application;

import java.util.Optional;

/**
 * The one place that says at which similarity two faces are the same person. Every context asks here:
 * recognition (the kiosk's threshold), the gallery's search ({@code same_person} per operating point) and
 * clustering (its fallback for models without a calibrated cluster similarity).
 */
public interface MatchThresholds {

    /**
     * The same-person cosine similarity of a recogniser at a named operating point (empty: its calibrated
     * match threshold).
     *
     * @param model short name (faceapi) or name@version
     * @throws IllegalArgumentException for an unknown recogniser or operating point
     */
    double sameFace(String model, Optional<String> operatingPoint);

    /**
     * What recognition compares with (similarity 0..1): {@code FACE_RECOGNITION_THRESHOLD} when set, else the
     * configured recogniser's match threshold.
     */
    double recognition();
}
