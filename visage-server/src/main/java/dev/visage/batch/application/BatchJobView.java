package dev.visage.batch.application;

import java.time.Instant;
import java.util.UUID;

/**
 * A read-only picture of a batch job (digest, ZIP or image list) for the interfaces layer.
 *
 * @param processed   images finished, successfully or not
 * @param failed      of those, the ones that failed
 * @param skipped     entries that were not images (or were refused) and are not counted in imagesTotal
 * @param enumerated  every image of the source has been found (imagesTotal is final)
 * @param progress    0-100
 */
public record BatchJobView(UUID id, String tenantId, String kind, String status, String groupId, String sourceType,
                           String source, int imagesTotal, int processed, int failed, int skipped, int facesDetected,
                           int facesProcessed, int threads, double confidence, int priority, int progress,
                           boolean enumerated, String error, boolean webhook, Instant createdAt, Instant startedAt,
                           Instant finishedAt) {

    public boolean terminal() {
        return status.equals("completed") || status.equals("failed") || status.equals("cancelled");
    }
}
