package dev.visage.inference.application.internal;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.jpeg.JpegProcessingException;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.imaging.riff.RiffProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import dev.visage.inference.application.DecodedImage;
import dev.visage.inference.application.ImageDecoder;
import dev.visage.inference.application.UndecodableImageException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
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
 * TwelveMonkeys' (see docs/BENCHMARKS.md).
 */
@ApplicationScoped
public class ImageIoDecoder implements ImageDecoder {

    private static final Logger LOG = Logger.getLogger(ImageIoDecoder.class.getName());
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

    @Override
    public DecodedImage decode(byte[] encoded) throws UndecodableImageException {
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
            try {
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
            return new DecodedImage(orient(image, orientation(encoded, format)), format);
        } catch (IOException | RuntimeException e) {
            // Readers fail on garbage with all kinds of exceptions, some without a message.
            String why = e.getMessage() != null ? e.getMessage() : "unreadable content (" + e.getClass().getSimpleName() + ")";
            throw new UndecodableImageException("not an image: " + why);
        }
    }

    /** The EXIF orientation tag (1..8), 1 when there is none. */
    static int orientation(byte[] encoded, String format) {
        try {
            Metadata metadata;
            if (format.equals("jpeg")) {
                metadata = JpegMetadataReader.readMetadata(new ByteArrayInputStream(encoded), List.of(new ExifReader()));
            } else if (format.equals("webp")) {
                metadata = WebpMetadataReader.readMetadata(new ByteArrayInputStream(encoded));
            } else {
                return 1;
            }
            ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (exif == null || !exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return 1;
            }
            int value = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            return value >= 1 && value <= 8 ? value : 1;
        } catch (JpegProcessingException | RiffProcessingException | MetadataException | IOException e) {
            // Broken metadata must not refuse pixels that decoded fine: keep the stored orientation.
            LOG.log(Level.FINE, "unreadable EXIF, orientation left as stored", e);
            return 1;
        }
    }

    /** Rotates/flips per EXIF orientation so that the picture is upright. */
    static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation == 1) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] src = image.getRGB(0, 0, w, h, null, 0, w);
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int dx;
                int dy;
                switch (orientation) {
                    case 2 -> { dx = w - 1 - x; dy = y; }
                    case 3 -> { dx = w - 1 - x; dy = h - 1 - y; }
                    case 4 -> { dx = x; dy = h - 1 - y; }
                    case 5 -> { dx = y; dy = x; }
                    case 6 -> { dx = h - 1 - y; dy = x; }
                    case 7 -> { dx = h - 1 - y; dy = w - 1 - x; }
                    default -> { dx = y; dy = w - 1 - x; } // 8
                }
                dst[dy * ow + dx] = src[y * w + x];
            }
        }
        return out;
    }
}
