package dev.visage.batch.domain;

/**
 * One image of a batch. PENDING until a worker records its outcome, exactly once: DONE or
 * FAILED (counted in the job's progress), CANCELLED (its job was cancelled first). SKIPPED
 * entries were never images (a ZIP's text file, a zip-slip name) and are not counted.
 */
public enum ItemStatus {
    PENDING, DONE, FAILED, SKIPPED, CANCELLED
}
