package dev.visage.batch.application;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * ZIP batches and image lists (the batch pipeline's API). An upload is streamed into the
 * object store, then extracted entry by entry (never held in memory): each image entry becomes
 * an object and a queued item; other entries are skipped with their reason.
 */
public interface ZipBatchService {

    /**
     * Streams an uploaded archive into the object store (up to the configured size) before its
     * form fields are known; {@link #submit} extracts it, {@link #discard} drops it.
     */
    StagedArchive stage(String tenantId, InputStream archive) throws ArchiveTooLarge, IOException;

    /**
     * Creates the batch and extracts the staged archive entry by entry (in this thread): each image
     * entry becomes an object and a queued item, other entries are skipped with their reason. An
     * invalid request discards the archive.
     */
    UploadResult submit(String tenantId, String fileName, BatchSettings settings, StagedArchive archive)
            throws InvalidBatchRequest;

    void discard(StagedArchive archive);

    /** @param size bytes stored */
    record StagedArchive(java.util.UUID batchId, String bucket, String key, long size) {
    }

    /** The upload is larger than the configured limit; nothing was kept. */
    class ArchiveTooLarge extends Exception {
        public ArchiveTooLarge(String message) {
            super(message);
        }
    }

    /** Queues images that are objects in the store or http(s) URLs, as one batch. */
    UploadResult addImages(String tenantId, BatchSettings settings, List<ImageRef> images) throws InvalidBatchRequest;

    /** @param priority JMS priority 0-9; null: 4 */
    record BatchSettings(String groupId, Integer priority, Integer threads, Double confidence, String webhookUrl,
                         String webhookSecret) {
    }

    /** An object (bucket + key) or a URL. */
    record ImageRef(String bucket, String key, String url) {
    }

    /**
     * @param imageCount images found and queued
     * @param skipped    entries not queued, with the reason (at most {@link #SKIPPED_SHOWN})
     * @param stopped    extraction stopped early (archive limits), with the reason, or null
     */
    record UploadResult(BatchJobView job, int imageCount, int queued, long skippedCount, List<BatchJobs.ItemProblem> skipped,
                        String stopped) {
        public static final int SKIPPED_SHOWN = 100;
    }
}
