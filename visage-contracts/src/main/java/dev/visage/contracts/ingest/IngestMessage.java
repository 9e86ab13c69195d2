package dev.visage.contracts.ingest;

import java.util.List;

/**
 * The face-pipeline message (runbook "Message Schema", openapi/ingest-message.schema.json).
 * {@code faceHints} is null or a list of boxes [x, y, w, h] with the producer's confidence.
 * {@code groupId} (optional, Visage's extension) labels the stored faces, e.g. the event a digest
 * or ZIP batch loads; search and clustering filter by it.
 */
public record IngestMessage(String imageSha256, String bucket, String key, String tenantId, String site, String url,
                            String imagePhash, List<FaceHint> faceHints, String groupId) {

    public IngestMessage(String imageSha256, String bucket, String key, String tenantId, String site, String url,
                         String imagePhash, List<FaceHint> faceHints) {
        this(imageSha256, bucket, key, tenantId, site, url, imagePhash, faceHints, null);
    }

    public record FaceHint(List<Double> bbox, Double confidence) {
    }
}
