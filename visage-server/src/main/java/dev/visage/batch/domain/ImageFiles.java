package dev.visage.batch.domain;

import dev.visage.shared.io.ImageSniffer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Which files a batch treats as images by their names (folders, ZIP entries, S3 keys). */
public final class ImageFiles {

    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "webp", "bmp");

    private ImageFiles() {
    }

    /**
     * Whether a batch takes the file for a photo by its path: an image extension, and no hidden segment.
     * Its content is checked by {@link ImageSniffer} where the feed reads it, and by the decoder.
     */
    public static boolean isCandidate(String path) {
        return !hidden(path) && hasImageExtension(path);
    }

    public static boolean hasImageExtension(String name) {
        return extension(name).map(EXTENSIONS::contains).orElse(false);
    }

    public static Optional<String> extension(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot <= 0 || dot == base.length() - 1 ? Optional.empty()
                : Optional.of(base.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Hidden files and macOS resource forks (._x.jpg, __MACOSX/) are never photos. */
    public static boolean hidden(String path) {
        for (String segment : path.split("/")) {
            if (segment.startsWith(".") || segment.equals("__MACOSX")) {
                return true;
            }
        }
        return false;
    }
}
