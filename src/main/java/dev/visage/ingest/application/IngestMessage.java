package dev.visage.ingest.application;

import java.util.List;

/**
 * The face-pipeline message (runbook "Message Schema", openapi/ingest-message.schema.json).
 * {@code faceHints} is null or a list of boxes [x, y, w, h] with the producer's confidence.
 */
public record IngestMessage(String imageSha256, String bucket, String key, String tenantId, String site, String url,
                            String imagePhash, List<FaceHint> faceHints) {

    public record FaceHint(List<Double> bbox, Double confidence) {
    }
}
