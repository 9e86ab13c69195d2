package dev.visage.inference.infrastructure;

import com.sun.jna.Memory;
import dev.visage.inference.application.DecodedImage;
import dev.visage.inference.application.ImageDecoder;
import dev.visage.inference.application.UndecodableImageException;
import dev.visage.inference.application.internal.ImageIoDecoder;
import dev.visage.inference.domain.DecoderWarnings;
import dev.visage.inference.domain.ExifOrientation;
import dev.visage.shared.io.ImageSniffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Visage's image decoder: JPEGs go to libjpeg-turbo (5-25× faster than the JDK's reader, see
 * docs/BENCHMARKS.md, and able to decode at 1/2, 1/4, 1/8 scale almost for free); everything
 * else, CMYK/YCCK JPEGs (which TurboJPEG cannot turn into RGB) and every JPEG on a machine
 * without {@code libturbojpeg0} go to {@link ImageIoDecoder}. A JPEG libjpeg-turbo can decode
 * only by recovering from damage (truncated, corrupt data) is returned with a warning, never
 * refused and never silently: see docs/pipeline.md "Decoding and damaged images".
 */
@ApplicationScoped
public class TurboJpegDecoder implements ImageDecoder {

    private static final Logger LOG = Logger.getLogger(TurboJpegDecoder.class.getName());

    private final long maxPixels;
    private final ImageIoDecoder fallback;
    private final Optional<TurboJpeg> turbo;

    @Inject
    public TurboJpegDecoder(@ConfigProperty(name = "visage.image.max-pixels") long maxPixels, ImageIoDecoder fallback) {
        this.maxPixels = maxPixels;
        this.fallback = fallback;
        this.turbo = TurboJpeg.load();
        LOG.info("JPEG decoder: " + jpegDecoder());
    }

    /** For CDI proxies only. */
    protected TurboJpegDecoder() {
        this.maxPixels = 0;
        this.fallback = null;
        this.turbo = Optional.empty();
    }

    /** Which library decodes JPEGs here, for the log and the readiness check. */
    public String jpegDecoder() {
        return turbo.isPresent() ? "libjpeg-turbo" : "imageio (libturbojpeg0 not installed)";
    }

    @Override
    public DecodedImage decode(byte[] encoded, int minLongSide) throws UndecodableImageException {
        if (turbo.isEmpty() || !isJpeg(encoded)) {
            return fallback.decode(encoded, minLongSide);
        }
        try (Memory jpeg = new Memory(encoded.length)) {
            jpeg.write(0, encoded, 0, encoded.length);
            TurboJpeg.Header header = turbo.get().header(jpeg);
            if (header.width() < 1 || header.height() < 1) {
                // TurboJPEG accepts a tables-only stream (or one cut before its frame header) with size 0
                throw new UndecodableImageException("not an image: the JPEG data ends before its frame header");
            }
            if (header.cmyk()) {
                return fallback.decode(encoded, minLongSide);
            }
            long pixels = (long) header.width() * header.height();
            if (pixels > maxPixels) {
                throw new UndecodableImageException("image too large: " + header.width() + "x" + header.height()
                        + " exceeds " + maxPixels + " pixels");
            }
            int denominator = turbo.get().denominatorFor(header.width(), header.height(), minLongSide);
            int w = TurboJpeg.scaled(header.width(), denominator);
            int h = TurboJpeg.scaled(header.height(), denominator);
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            Optional<String> warning = turbo.get().decode(jpeg, w, h,
                    ((DataBufferByte) image.getRaster().getDataBuffer()).getData());
            int orientation = ExifOrientation.orientation(encoded, "jpeg");
            boolean swap = orientation >= 5;
            return new DecodedImage(ExifOrientation.orient(image, orientation), "jpeg",
                    swap ? header.height() : header.width(), swap ? header.width() : header.height(),
                    1.0 / denominator, warning.map(DecoderWarnings::describe).stream().toList());
        } catch (TurboJpeg.Failure e) {
            throw new UndecodableImageException("not an image: " + readable(e.getMessage()));
        }
    }

    /** SOI followed by a marker: what every JPEG starts with, and what TurboJPEG insists on. */
    private static boolean isJpeg(byte[] encoded) {
        return encoded != null && encoded.length > 3
                && ImageSniffer.sniff(encoded, encoded.length).filter("jpeg"::equals).isPresent();
    }

    private static String readable(String message) {
        return message == null || message.isBlank() ? "unreadable JPEG data" : message.strip();
    }
}
