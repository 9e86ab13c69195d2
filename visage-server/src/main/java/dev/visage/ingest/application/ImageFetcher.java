package dev.visage.ingest.application;

import java.io.IOException;

/** Fetches image bytes from a URL within size, time and address limits. */
public interface ImageFetcher {

    /** Refused by policy (scheme, address, size): retrying cannot help. */
    class RefusedException extends Exception {
        public RefusedException(String message) {
            super(message);
        }
    }

    byte[] fetch(String url) throws RefusedException, IOException;
}
