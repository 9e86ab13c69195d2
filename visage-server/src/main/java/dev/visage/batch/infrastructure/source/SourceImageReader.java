package dev.visage.batch.infrastructure.source;

import dev.visage.batch.application.internal.BatchConfig;
import dev.visage.batch.domain.BatchItem;
import dev.visage.batch.domain.BatchJob;
import dev.visage.batch.domain.ImageReader;
import dev.visage.ingest.application.ImageFetcher;
import dev.visage.shared.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads an item's bytes: a digest's file (its real path checked against the roots again, so a
 * file swapped for a link after it was found cannot escape), an S3 source object, an object of
 * the store (ZIP entries, listed objects), or a URL through ingest's fetcher and its policy.
 */
@ApplicationScoped
public class SourceImageReader implements ImageReader {

    private final BatchConfig config;
    private final ObjectStore store;
    private final S3Sources s3;
    private final ImageFetcher fetcher;
    private final long maxBytes;

    @Inject
    public SourceImageReader(BatchConfig config, ObjectStore store, S3Sources s3, ImageFetcher fetcher,
                             @ConfigProperty(name = "visage.fetch.max-bytes") long maxBytes) {
        this.config = config;
        this.store = store;
        this.s3 = s3;
        this.fetcher = fetcher;
        this.maxBytes = maxBytes;
    }

    /** For CDI proxies only. */
    protected SourceImageReader() {
        this(null, null, null, null, 0);
    }

    @Override
    public byte[] read(BatchJob job, BatchItem item) throws Unreadable, IOException {
        return switch (job.sourceType()) {
            case LOCAL -> file(Path.of(item.imagePath()));
            case S3 -> object(s3.store(), item.bucket(), item.objectKey());
            case ZIP -> object(store, item.bucket(), item.objectKey());
            case OBJECTS -> item.url() != null ? url(item.url()) : object(store, item.bucket(), item.objectKey());
        };
    }

    private byte[] file(Path path) throws Unreadable, IOException {
        Optional<Path> real;
        try {
            real = config.roots().readable(path);
        } catch (NoSuchFileException e) {
            throw new Unreadable("file not found: " + path);
        }
        if (real.isEmpty()) {
            throw new Unreadable("no longer a file inside the digest roots: " + path);
        }
        if (Files.size(real.get()) > maxBytes) {
            throw new Unreadable("file larger than " + maxBytes + " bytes: " + path);
        }
        try {
            return Files.readAllBytes(real.get());
        } catch (NoSuchFileException e) {
            throw new Unreadable("file not found: " + path);
        }
    }

    private byte[] object(ObjectStore from, String bucket, String key) throws Unreadable, IOException {
        Optional<InputStream> in;
        try {
            in = from.open(bucket, key);
        } catch (IllegalArgumentException e) {
            throw new Unreadable("invalid object reference " + bucket + "/" + key + ": " + e.getMessage());
        }
        if (in.isEmpty()) {
            throw new Unreadable("object not found: " + bucket + "/" + key);
        }
        try (InputStream stream = in.get()) {
            byte[] bytes = stream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new Unreadable("object larger than " + maxBytes + " bytes: " + bucket + "/" + key);
            }
            return bytes;
        }
    }

    private byte[] url(String url) throws Unreadable, IOException {
        try {
            return fetcher.fetch(url);
        } catch (ImageFetcher.RefusedException e) {
            throw new Unreadable(e.getMessage());
        }
    }
}
