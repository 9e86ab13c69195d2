package dev.visage.inference.application;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A decoded raster with its original format name (jpeg, png, ...).
 *
 * @param originalWidth the photo's own width after EXIF orientation; larger than {@code image}'s
 *        when the decoder used a reduced DCT scale
 * @param originalHeight likewise
 * @param scale the DCT scale the pixels were decoded at (1, 1/2, 1/4 or 1/8): a pixel coordinate
 *        of {@code image} divided by it is a coordinate in the original photo
 * @param warnings what the decoder recovered from (e.g. {@code truncated: premature end of JPEG
 *        file}); empty for a sound image. The pixels are usable but may be partly grey.
 */
public record DecodedImage(BufferedImage image, String format, int originalWidth, int originalHeight, double scale,
                           List<String> warnings) {

    public DecodedImage {
        warnings = List.copyOf(warnings);
    }

    /** Full scale, no warnings. */
    public DecodedImage(BufferedImage image, String format) {
        this(image, format, image.getWidth(), image.getHeight(), 1.0, List.of());
    }

    public int width() {
        return image.getWidth();
    }

    public int height() {
        return image.getHeight();
    }
}
