package dev.visage.ingest.domain;

import java.util.List;

/**
 * What the worker learnt about an image.
 *
 * @param warnings damage the decoder recovered from (e.g. {@code truncated: ...}); empty when sound
 */
public record ImageFacts(String sha256, int width, int height, String phash, String format, long sizeBytes,
                         List<String> warnings) {

    public ImageFacts {
        warnings = List.copyOf(warnings);
    }
}
