package dev.visage.inference.domain;

import java.util.List;

/** BlazeFace keypoint order (MediaPipe; "right/left" from the subject's point of view, see MODELS.md). */
public final class Keypoints {

    public static final int RIGHT_EYE = 0;
    public static final int LEFT_EYE = 1;
    public static final int NOSE = 2;
    public static final int MOUTH = 3;
    public static final int RIGHT_EAR = 4;
    public static final int LEFT_EAR = 5;

    public static final List<String> NAMES = List.of("right_eye", "left_eye", "nose", "mouth", "right_ear", "left_ear");

    private Keypoints() {
    }
}
