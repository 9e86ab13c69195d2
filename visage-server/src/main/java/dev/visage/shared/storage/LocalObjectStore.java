package dev.visage.shared.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import jakarta.enterprise.inject.Typed;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Filesystem adapter: {@code <root>/<bucket>/<key>}. Writes go to a temporary file first
 * and are moved into place, so a crash never leaves a half-written object under its key.
 */
@ApplicationScoped
@Typed(LocalObjectStore.class)  // the ObjectStore bean is chosen by ObjectStores (VISAGE_STORAGE_BACKEND)
public class LocalObjectStore implements ObjectStore {

    private final Path root;

    @Inject
    public LocalObjectStore(@ConfigProperty(name = "visage.storage.dir") String root) {
        this.root = Path.of(root).toAbsolutePath().normalize();
    }

    /** For CDI proxies only. */
    protected LocalObjectStore() {
        this.root = null;
    }

    @Override
    public long put(String bucket, String key, InputStream content, String contentType) throws IOException {
        Path target = resolve(bucket, key);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
        try {
            long size = Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return size;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public Optional<InputStream> open(String bucket, String key) throws IOException {
        try {
            return Optional.of(Files.newInputStream(resolve(bucket, key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String bucket, String key) {
        return Files.isRegularFile(resolve(bucket, key));
    }

    @Override
    public boolean delete(String bucket, String key) throws IOException {
        return Files.deleteIfExists(resolve(bucket, key));
    }

    @Override
    public void probe() throws IOException {
        Files.createDirectories(root);
        Path probe = Files.createTempFile(root, ".probe-", ".tmp");
        Files.delete(probe);
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) throws IOException {
        Path base = root.resolve(ObjectKeys.requireBucket(bucket));
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        List<ObjectInfo> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(base)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String key = base.relativize(p).toString().replace('\\', '/');
                if (key.startsWith(prefix) && !p.getFileName().toString().startsWith(".upload-")) {
                    out.add(new ObjectInfo(bucket, key, Files.size(p), Files.getLastModifiedTime(p).toInstant()));
                }
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return "file:" + root;
    }

    private Path resolve(String bucket, String key) {
        Path path = root.resolve(ObjectKeys.requireBucket(bucket)).resolve(ObjectKeys.requireKey(key)).normalize();
        if (!path.startsWith(root.resolve(bucket))) {
            throw new IllegalArgumentException("key escapes its bucket");
        }
        return path;
    }
}
