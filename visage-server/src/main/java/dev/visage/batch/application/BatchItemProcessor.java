package dev.visage.batch.application;

import java.util.UUID;

/**
 * Finishes one image of a batch (the queue consumer calls it for each message). Each call runs
 * in its own transaction and records the image's outcome exactly once: an item that is no longer
 * pending is left alone, so a redelivered message changes nothing.
 */
public interface BatchItemProcessor {

    /** The outcome of one delivery. */
    enum Result { DONE, FAILED, ALREADY_FINISHED, CANCELLED, UNKNOWN_ITEM }

    /** Processes the item; a permanent failure (not an image, file gone) is recorded as its outcome. */
    Result process(UUID itemId) throws TransientItemFailure;

    /** The last allowed attempt failed transiently: the item fails with the reason. */
    void giveUp(UUID itemId, String reason);

    /** A dependency failed (storage, database, network): roll back and retry later. */
    class TransientItemFailure extends Exception {
        public TransientItemFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
