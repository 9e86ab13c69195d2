package dev.visage.inference.application.internal;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import dev.visage.inference.application.DecodedImage;
import dev.visage.inference.application.ImageDecoder;
import dev.visage.inference.application.UndecodableImageException;
import dev.visage.inference.domain.DecoderWarnings;
import dev.visage.inference.domain.ExifOrientation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decodes JPEG, PNG, BMP and GIF with the JDK's own ImageIO readers and WebP with
 * TwelveMonkeys' reader. The readers are chosen explicitly (never ImageIO's global registry,
 * which a web application must not extend and which other jars on the classpath could
 * reorder). The header is read first so that an image above {@code visage.image.max-pixels}
 * is refused before any pixel memory is allocated. EXIF orientation is applied, so faces in
 * phone photos come out upright. The JDK's JPEG reader was chosen after measuring it against
 * TwelveMonkeys' (see docs/BENCHMARKS.md). It always decodes at full size. Warnings a reader
 * recovers from (the JDK's JPEG reader on a truncated file) are reported, never dropped; a
 * reader that cannot finish (PNG, WebP, BMP, GIF cut short) refuses the image.
 *
 * <p>Since libjpeg-turbo arrived this is the fallback behind the port's implementation
 * ({@code TurboJpegDecoder}), hence {@code @Typed}: it is injected only by its own type.
 */
@ApplicationScoped
@Typed(ImageIoDecoder.class)
public class ImageIoDecoder implements ImageDecoder {

    private static final Set<String> JDK_FORMATS = Set.of("jpeg", "png", "bmp", "gif");

    private final long maxPixels;
    private final List<ImageReaderSpi> readers;

    @Inject
    public ImageIoDecoder(@ConfigProperty(name = "visage.image.max-pixels") long maxPixels) {
        this.maxPixels = maxPixels;
        this.readers = readers();
    }

    /** For CDI proxies only. */
    protected ImageIoDecoder() {
        this(0);
    }

    private static List<ImageReaderSpi> readers() {
        List<ImageReaderSpi> list = new ArrayList<>();
        Iterator<ImageReaderSpi> all = IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, false);
        while (all.hasNext()) {
            ImageReaderSpi spi = all.next();
            if (spi.getClass().getName().startsWith("com.sun.imageio.plugins.")
                    && JDK_FORMATS.contains(spi.getFormatNames()[0].toLowerCase(Locale.ROOT))) {
                list.add(spi);
            }
        }
        list.add(new WebPImageReaderSpi());
        return List.copyOf(list);
    }

    /** Full size whatever {@code minLongSide} says: ImageIO has no cheap reduced decoding. */
    @Override
    public DecodedImage decode(byte[] encoded, int minLongSide) throws UndecodableImageException {
        if (encoded == null || encoded.length == 0) {
            throw new UndecodableImageException("not an image: empty content");
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            ImageReaderSpi spi = null;
            for (ImageReaderSpi candidate : readers) {
                if (candidate.canDecodeInput(in)) {
                    spi = candidate;
                    break;
                }
            }
            if (spi == null) {
                throw new UndecodableImageException("not an image: unrecognised format");
            }
            String format = spi.getFormatNames()[0].toLowerCase(Locale.ROOT);
            ImageReader reader = spi.createReaderInstance();
            BufferedImage image;
            List<String> warnings = new ArrayList<>();
            try {
                reader.addIIOReadWarningListener((source, warning) -> DecoderWarnings.collect(warnings, warning));
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new UndecodableImageException("image too large: " + reader.getWidth(0) + "x"
                            + reader.getHeight(0) + " exceeds " + maxPixels + " pixels");
                }
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
            BufferedImage upright = ExifOrientation.orient(image, ExifOrientation.orientation(encoded, format));
            return new DecodedImage(upright, format, upright.getWidth(), upright.getHeight(), 1.0, warnings);
        } catch (IOException | RuntimeException e) {
            if (endsEarly(e)) {
                // PNG, WebP, BMP, GIF readers cannot return the rows before the cut, unlike libjpeg
                throw new UndecodableImageException("not an image: truncated: the data ends before the picture does");
            }
            // Readers fail on garbage with all kinds of exceptions, some without a message.
            String why = e.getMessage() != null ? e.getMessage() : "unreadable content (" + e.getClass().getSimpleName() + ")";
            throw new UndecodableImageException("not an image: " + why);
        }
    }

    /** Readers wrap the end of the data in their own exceptions (PNG: "Error reading PNG image data"). */
    private static boolean endsEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException || String.valueOf(t.getMessage()).contains("Unexpected end of ZLIB")) {
                return true;
            }
        }
        return false;
    }
}
