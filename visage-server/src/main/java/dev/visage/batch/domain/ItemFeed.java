package dev.visage.batch.domain;

import java.io.IOException;

/**
 * Finds the images of one kind of source (a folder, an S3 prefix, a ZIP archive) and hands
 * them to a sink, each under a path that is stable across runs: a resumed enumeration
 * offers the same paths again and only the missing ones are registered.
 */
public interface ItemFeed {

    SourceType type();

    /** Feeds until the source is exhausted or the sink says stop. */
    void feed(BatchJob job, ItemSink sink) throws SourceUnavailable, IOException;

    /** Receives what a feed finds; answers false when enumeration must stop (the job ended, the lease was lost). */
    interface ItemSink {
        boolean accept(BatchItemRepository.NewItem item);

        /** The feed stopped before the end of its source (archive limits), for this reason. */
        void truncated(String reason);
    }

    /** The source cannot be read at all (gone, not an archive): the job fails with the reason. */
    final class SourceUnavailable extends Exception {
        public SourceUnavailable(String reason) {
            super(reason);
        }

        public SourceUnavailable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
