package dev.visage.inference.domain;

/** Why a face is rejected; names follow Amazon Rekognition's UnindexedFace reasons. */
public enum QualityReason {
    /** The face box is smaller than the minimum face size. */
    SMALL_BOUNDING_BOX,
    /** The aligned face is blurred (variance of Laplacian below the minimum). */
    LOW_SHARPNESS,
    /** Yaw or roll beyond the limits. */
    EXTREME_POSE,
    /** Detector score below the indexing minimum. */
    LOW_CONFIDENCE
}
