package dev.visage.inference.domain;

import java.util.ArrayList;
import java.util.List;

/** Judges one face from its detection and its aligned crop. */
public final class QualityAssessor {

    private final QualityThresholds limits;

    public QualityAssessor(QualityThresholds limits) {
        this.limits = limits;
    }

    public record Verdict(boolean accepted, List<QualityReason> reasons, double sharpness, double yaw, double roll,
                          double size) {
    }

    /** {@code crop}: the aligned face (RGB HWC 0..255, size×size at offset). */
    public Verdict assess(Detection face, float[] crop, int offset, int cropSize) {
        double size = Math.min(face.width(), face.height());
        double sharpness = Sharpness.varianceOfLaplacian(crop, offset, cropSize);
        HeadPose pose = HeadPose.of(face);
        List<QualityReason> reasons = new ArrayList<>();
        if (size < limits.minFacePx()) {
            reasons.add(QualityReason.SMALL_BOUNDING_BOX);
        }
        if (sharpness < limits.minSharpness()) {
            reasons.add(QualityReason.LOW_SHARPNESS);
        }
        if (Math.abs(pose.yaw()) > limits.maxYaw() || Math.abs(pose.roll()) > limits.maxRoll()) {
            reasons.add(QualityReason.EXTREME_POSE);
        }
        if (face.score() < limits.minScore()) {
            reasons.add(QualityReason.LOW_CONFIDENCE);
        }
        return new Verdict(reasons.isEmpty(), List.copyOf(reasons), sharpness, pose.yaw(), pose.roll(), size);
    }
}
