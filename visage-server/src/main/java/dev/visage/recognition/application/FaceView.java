package dev.visage.recognition.application;

import java.time.Instant;
import java.util.List;

/** An enrolled face for listings (the console): no embedding, but where its source image is stored. */
public record FaceView(String companyId, String userId, String faceId, String model, List<Integer> bbox,
                       Float detectionScore, Float sharpness, Boolean qualityOk, String sourceBucket,
                       String sourceKey, Instant createdAt) {
}
