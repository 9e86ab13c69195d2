package dev.visage.inference.application.internal;

import dev.visage.inference.application.DecodedImage;
import dev.visage.inference.application.ImageDecoder;
import dev.visage.inference.application.UndecodableImageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decodes with the JDK's ImageIO. The header is read first so that an image above
 * {@code visage.image.max-pixels} is refused before any pixel memory is allocated.
 */
@ApplicationScoped
public class ImageIoDecoder implements ImageDecoder {

    private final long maxPixels;

    @Inject
    public ImageIoDecoder(@ConfigProperty(name = "visage.image.max-pixels") long maxPixels) {
        this.maxPixels = maxPixels;
    }

    /** For CDI proxies only. */
    protected ImageIoDecoder() {
        this(0);
    }

    @Override
    public DecodedImage decode(byte[] encoded) throws UndecodableImageException {
        if (encoded == null || encoded.length == 0) {
            throw new UndecodableImageException("not an image: empty content");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UndecodableImageException("not an image: unrecognised format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new UndecodableImageException("image too large: " + reader.getWidth(0) + "x"
                            + reader.getHeight(0) + " exceeds " + maxPixels + " pixels");
                }
                BufferedImage image = reader.read(0);
                return new DecodedImage(image, reader.getFormatName().toLowerCase(Locale.ROOT));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new UndecodableImageException("not an image: " + e.getMessage());
        }
    }
}
