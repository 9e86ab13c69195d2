package dev.visage.batch.infrastructure.source;

import dev.visage.batch.application.internal.BatchConfig;
import dev.visage.batch.domain.BatchItemRepository.NewItem;
import dev.visage.batch.domain.BatchJob;
import dev.visage.batch.domain.DigestRoots;
import dev.visage.batch.domain.ImageFiles;
import dev.visage.batch.domain.ItemFeed;
import dev.visage.batch.domain.SourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Every image file below a digest's folder, subdirectories included. Links are never followed
 * into directories (no cycles); a linked file counts only if its target lies inside a digest
 * root, otherwise it is skipped with the reason. Hidden files and non-image names are ignored.
 */
@ApplicationScoped
public class LocalFolderFeed implements ItemFeed {

    private final BatchConfig config;

    @Inject
    public LocalFolderFeed(BatchConfig config) {
        this.config = config;
    }

    /** For CDI proxies only. */
    protected LocalFolderFeed() {
        this(null);
    }

    @Override
    public SourceType type() {
        return SourceType.LOCAL;
    }

    @Override
    public void feed(BatchJob job, ItemSink sink) throws SourceUnavailable, IOException {
        walk(config.roots(), Path.of(job.sourcePath()), sink);
    }

    /** Walks {@code dir} (a real path inside a root) feeding the sink; stops when the sink says so. */
    static void walk(DigestRoots roots, Path dir, ItemSink sink) throws SourceUnavailable, IOException {
        if (roots.inside(dir).isEmpty() || !Files.isDirectory(dir)) {
            throw new SourceUnavailable("the folder " + dir + " is gone or no longer inside the digest roots");
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && hidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String name = file.getFileName().toString();
                    if (!ImageFiles.isCandidate(name)) {
                        return FileVisitResult.CONTINUE;
                    }
                    NewItem item;
                    if (attrs.isSymbolicLink()) {
                        item = link(roots, file);
                    } else if (attrs.isRegularFile()) {
                        item = NewItem.image(file.toString(), null, null, null);
                    } else {
                        return FileVisitResult.CONTINUE;
                    }
                    return item == null || sink.accept(item) ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    String reason = "unreadable: " + (e instanceof NoSuchFileException ? "vanished" : e.getMessage());
                    return sink.accept(NewItem.skipped(file.toString(), reason)) ? FileVisitResult.CONTINUE
                            : FileVisitResult.TERMINATE;
                }
            });
        } catch (NoSuchFileException e) {
            throw new SourceUnavailable("the folder " + dir + " is gone", e);
        }
    }

    private static NewItem link(DigestRoots roots, Path file) throws IOException {
        try {
            if (roots.readable(file).isPresent()) {
                return NewItem.image(file.toString(), null, null, null);
            }
        } catch (NoSuchFileException e) {
            return NewItem.skipped(file.toString(), "symbolic link to a file that does not exist");
        }
        return NewItem.skipped(file.toString(), "symbolic link leads outside the digest roots");
    }

    private static boolean hidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }
}
