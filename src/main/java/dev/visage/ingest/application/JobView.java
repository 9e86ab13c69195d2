package dev.visage.ingest.application;

import java.time.Instant;
import java.util.UUID;

/** A read-only picture of an image job for the interfaces layer. */
public record JobView(UUID id, String tenantId, String status, String failureReason, int attempts,
                      String sourceBucket, String sourceKey, String sourceUrl,
                      String sha256, Integer width, Integer height, String phash, String format, Long sizeBytes,
                      Instant createdAt, Instant startedAt, Instant finishedAt) {
}
