package dev.visage.shared.storage;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The object-storage port: raw images, face crops, thumbnails and metadata live here.
 * Adapters: the local filesystem (default) and S3-compatible stores.
 */
public interface ObjectStore {

    /** Stores the stream under bucket/key, replacing any previous object; returns its size in bytes. */
    long put(String bucket, String key, InputStream content, String contentType) throws IOException;

    /** Opens the object, or empty when it does not exist. The caller closes the stream. */
    Optional<InputStream> open(String bucket, String key) throws IOException;

    boolean exists(String bucket, String key) throws IOException;

    boolean delete(String bucket, String key) throws IOException;

    /** Proves the store is usable right now (used by readiness); throws with the reason when not. */
    void probe() throws IOException;

    /** One stored object, as listed. */
    record ObjectInfo(String bucket, String key, long size, Instant lastModified) {
    }

    /** Every object of the bucket whose key starts with the prefix ("" for all); an absent bucket lists nothing. */
    default List<ObjectInfo> list(String bucket, String prefix) throws IOException {
        throw new UnsupportedOperationException(describe() + " cannot list objects");
    }

    /** A human-readable location for logs and health data, never containing credentials. */
    String describe();
}
