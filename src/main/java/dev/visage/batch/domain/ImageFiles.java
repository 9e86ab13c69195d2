package dev.visage.batch.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Which files a batch treats as images: by name (folders, ZIP entries) and by their first bytes. */
public final class ImageFiles {

    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "webp", "bmp");
    /** Bytes {@link #sniff} needs. */
    public static final int HEAD = 12;

    private ImageFiles() {
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

    /** The format the first bytes announce: jpeg, png, webp, bmp; empty when none. */
    public static Optional<String> sniff(byte[] head, int length) {
        if (length >= 3 && u(head[0]) == 0xFF && u(head[1]) == 0xD8 && u(head[2]) == 0xFF) {
            return Optional.of("jpeg");
        }
        if (length >= 8 && u(head[0]) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
                && head[4] == 0x0D && head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A) {
            return Optional.of("png");
        }
        if (length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return Optional.of("webp");
        }
        if (length >= 2 && head[0] == 'B' && head[1] == 'M') {
            return Optional.of("bmp");
        }
        return Optional.empty();
    }

    private static int u(byte b) {
        return b & 0xFF;
    }
}
