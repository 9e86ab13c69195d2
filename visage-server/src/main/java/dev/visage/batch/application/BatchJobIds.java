package dev.visage.batch.application;

import java.util.Optional;
import java.util.UUID;

/**
 * Job ids on the wire. Digests are {@code digest-<uuid>}, as the digest service named them;
 * ZIP batches and image lists are the bare UUID (the batch pipeline's batchId). Both forms are
 * accepted everywhere.
 */
public final class BatchJobIds {

    public static final String DIGEST_PREFIX = "digest-";

    private BatchJobIds() {
    }

    public static String wire(BatchJobView job) {
        return job.kind().equals("digest") ? DIGEST_PREFIX + job.id() : job.id().toString();
    }

    public static Optional<UUID> parse(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String raw = id.startsWith(DIGEST_PREFIX) ? id.substring(DIGEST_PREFIX.length()) : id;
        try {
            return Optional.of(UUID.fromString(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
