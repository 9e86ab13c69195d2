package dev.visage.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visage.shared.io.ImageSniffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one sniffer: an image by its first bytes. */
class ImageSnifferTest {

    @Test
    void contentIsAnImageByItsFirstBytes() {
        assertEquals(Optional.of("jpeg"), sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}));
        assertEquals(Optional.of("png"), sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}));
        assertEquals(Optional.of("webp"), sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(Optional.of("bmp"), sniff("BM\0\0".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(Optional.empty(), sniff("hello, world".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), sniff(new byte[] {(byte) 0xFF, (byte) 0xD8}));
    }

    private static Optional<String> sniff(byte[] b) {
        return ImageSniffer.sniff(b, b.length);
    }
}
