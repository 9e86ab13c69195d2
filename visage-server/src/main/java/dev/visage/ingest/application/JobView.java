package dev.visage.ingest.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A read-only picture of an image job for the interfaces layer; {@code warnings} are the
 * decoder's (damage it recovered from), empty for a sound image or an unfinished job.
 */
public record JobView(UUID id, String tenantId, String status, String failureReason, int attempts,
                      String sourceBucket, String sourceKey, String sourceUrl,
                      String sha256, Integer width, Integer height, String phash, String format, Long sizeBytes,
                      Instant createdAt, Instant startedAt, Instant finishedAt, List<String> warnings) {
}
