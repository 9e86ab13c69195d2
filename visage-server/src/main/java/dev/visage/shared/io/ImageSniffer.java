package dev.visage.shared.io;

import java.util.Optional;

/**
 * The one place that says whether bytes are an image Visage reads, by the signature they start with:
 * batches check ZIP entries with it before queueing them, the decoder picks its JPEG path with it.
 */
public final class ImageSniffer {

    /** Bytes {@link #sniff} needs. */
    public static final int HEAD = 12;

    private ImageSniffer() {
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
