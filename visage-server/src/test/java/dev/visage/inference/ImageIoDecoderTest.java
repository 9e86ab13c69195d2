package dev.visage.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.inference.application.DecodedImage;
import dev.visage.inference.application.UndecodableImageException;
import dev.visage.inference.application.internal.ImageIoDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ImageIoDecoderTest {

    static byte[] photo() throws Exception {
        return Files.readAllBytes(Path.of("testdata/deepface-pairs/images/couple.jpg"));
    }

    @Test
    void decodesARealPhoto() throws Exception {
        DecodedImage image = new ImageIoDecoder(40_000_000).decode(photo());
        assertEquals("jpeg", image.format());
        assertTrue(image.width() > 100 && image.height() > 100);
    }

    @Test
    void textIsNotAnImage() {
        var e = assertThrows(UndecodableImageException.class,
                () -> new ImageIoDecoder(40_000_000).decode("hello\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("not an image"), e.getMessage());
        assertTrue(!e.getMessage().contains("null"), "a reason a person can read: " + e.getMessage());
    }

    @Test
    void refusesTooManyPixelsBeforeDecoding() {
        var e = assertThrows(UndecodableImageException.class, () -> new ImageIoDecoder(1000).decode(photo()));
        assertTrue(e.getMessage().startsWith("image too large"), e.getMessage());
    }
}
