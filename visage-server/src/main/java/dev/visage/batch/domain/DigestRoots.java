package dev.visage.batch.domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The folders a digest may read. A requested directory (absolute, or relative to the first
 * root) is resolved to its real path, symbolic links and {@code ..} included, and must lie
 * inside one of the roots' real paths: neither traversal nor a symbolic link can escape.
 * Files found below it are checked the same way when they are read.
 */
public final class DigestRoots {

    private final List<Path> roots;
    /** The roots as configured and as resolved: a requested path must lie under one before it is resolved. */
    private final List<Path> spelled;

    /** Roots that do not exist (yet) are ignored: nothing inside them can be digested. */
    public DigestRoots(List<Path> configured) {
        List<Path> real = new ArrayList<>();
        List<Path> names = new ArrayList<>();
        for (Path root : configured) {
            try {
                Path r = root.toRealPath();
                real.add(r);
                names.add(r);
                names.add(root.toAbsolutePath().normalize());
            } catch (IOException e) {
                // a root that is not there allows nothing; it counts once it exists at the next start
            }
        }
        this.roots = List.copyOf(real);
        this.spelled = List.copyOf(names);
    }

    /** Refused: the reason is safe to show to the caller (it names no root). */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason);
        }
    }

    public List<Path> roots() {
        return roots;
    }

    /** The real path of the requested directory, inside a root. */
    public Path directory(String requested) throws Refused {
        if (requested == null || requested.isBlank()) {
            throw new Refused("must not be empty");
        }
        if (requested.indexOf('\0') >= 0) {
            throw new Refused("must not contain NUL characters");
        }
        if (roots.isEmpty()) {
            throw new Refused("no digest root is configured on this server (VISAGE_DIGEST_ROOTS)");
        }
        Path path;
        try {
            Path given = Path.of(requested);
            path = given.isAbsolute() ? given : roots.get(0).resolve(given);
        } catch (InvalidPathException e) {
            throw new Refused("is not a valid path");
        }
        // Refused before touching the file system: the answer says nothing about what exists outside.
        Path normalized = path.toAbsolutePath().normalize();
        if (spelled.stream().noneMatch(normalized::startsWith)) {
            throw new Refused("is outside the configured digest roots");
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new Refused("does not exist");
        } catch (IOException e) {
            throw new Refused("cannot be resolved: " + e.getClass().getSimpleName());
        }
        if (inside(real).isEmpty()) {
            throw new Refused("is outside the configured digest roots");
        }
        if (!Files.isDirectory(real)) {
            throw new Refused("is not a directory");
        }
        return real;
    }

    /** The root that holds this real path, if any. */
    public Optional<Path> inside(Path realPath) {
        for (Path root : roots) {
            if (realPath.startsWith(root)) {
                return Optional.of(root);
            }
        }
        return Optional.empty();
    }

    /** The real path of a file found in a digest, if it still lies inside a root (links resolved). */
    public Optional<Path> readable(Path file) throws IOException {
        Path real = file.toRealPath();
        return inside(real).isPresent() && Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
    }
}
