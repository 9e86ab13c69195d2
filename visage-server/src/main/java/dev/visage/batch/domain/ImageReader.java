package dev.visage.batch.domain;

import java.io.IOException;

/** Reads one item's bytes from wherever its job's source keeps them. */
public interface ImageReader {

    /**
     * @throws Unreadable the image is gone or refused (retrying cannot help)
     * @throws IOException the source failed (retrying may help)
     */
    byte[] read(BatchJob job, BatchItem item) throws Unreadable, IOException;

    final class Unreadable extends Exception {
        public Unreadable(String reason) {
            super(reason);
        }
    }
}
