package dev.visage.inference.domain;

/**
 * Yaw and roll (degrees) from the keypoint geometry alone — cheap and good enough for a
 * quality gate, not a 3-D head pose.
 */
public record HeadPose(double yaw, double roll) {

    /**
     * Nose-tip depth in front of the eye plane relative to the inter-eye distance, from average
     * head anthropometry; the nose's sideways offset from the eye midpoint is
     * {@code depth · tan(yaw)} in units of the projected eye distance.
     */
    static final double NOSE_DEPTH_RATIO = 0.5;

    public static HeadPose of(Detection face) {
        double ex = face.kx(Keypoints.LEFT_EYE) - face.kx(Keypoints.RIGHT_EYE);
        double ey = face.ky(Keypoints.LEFT_EYE) - face.ky(Keypoints.RIGHT_EYE);
        double eyeDistance = Math.hypot(ex, ey);
        double roll = Math.toDegrees(Math.atan2(ey, ex));
        if (eyeDistance < 1e-6) {
            return new HeadPose(90, roll);
        }
        double mx = (face.kx(Keypoints.LEFT_EYE) + face.kx(Keypoints.RIGHT_EYE)) / 2;
        double my = (face.ky(Keypoints.LEFT_EYE) + face.ky(Keypoints.RIGHT_EYE)) / 2;
        // nose offset along the eye axis, in eye distances (positive: towards the image-right eye)
        double along = ((face.kx(Keypoints.NOSE) - mx) * ex + (face.ky(Keypoints.NOSE) - my) * ey)
                / (eyeDistance * eyeDistance);
        double yaw = Math.toDegrees(Math.atan(along / NOSE_DEPTH_RATIO));
        return new HeadPose(yaw, roll);
    }
}
