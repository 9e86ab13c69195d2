package dev.visage.inference.application;

import java.util.List;

/**
 * One face. {@code embedding} is null when not requested.
 *
 * @param box       in photo pixels
 * @param score     detector confidence 0..1 (1 for pre-aligned crops)
 * @param keypoints right_eye, left_eye, nose, mouth, right_ear, left_ear (subject's right/left)
 * @param attributes age and gender; null when not requested ({@link AnalyzeOptions#attributes()})
 * @param antispoof probability 0..1 that the face is real (not a print or a screen); NaN when not requested
 */
public record AnalyzedFace(Box box, double score, List<Keypoint> keypoints, FaceQuality quality,
                           FaceAttributes attributes, double antispoof, Embedding embedding) {

    /** Top-left corner, width and height. */
    public record Box(double x, double y, double width, double height) {
    }

    public record Keypoint(String name, double x, double y) {
    }

    /**
     * @param reasons Rekognition-style codes: SMALL_BOUNDING_BOX, LOW_SHARPNESS, EXTREME_POSE, LOW_CONFIDENCE
     * @param sharpness variance of the Laplacian of the aligned 112×112 grey face
     * @param yaw degrees, approximate, from keypoints
     * @param roll degrees, from the eye line
     * @param size the box's shorter side in pixels
     */
    public record FaceQuality(boolean accepted, List<String> reasons, double sharpness, double yaw, double roll,
                              double size) {
    }

    /** @param genderConfidence 0..1 */
    public record FaceAttributes(double age, String gender, double genderConfidence) {
    }
}
