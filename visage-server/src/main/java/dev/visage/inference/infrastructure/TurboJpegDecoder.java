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
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Visage's image decoder: JPEGs go to libjpeg-turbo (5-25× faster than the JDK's reader, see
 * docs/BENCHMARKS.md, and able to decode at 1/2, 1/4, 1/8 scale almost for free), WebP to libwebp
 * ({@link LibWebp}; what it refuses, e.g. a truncated file, goes on to the Java reader); everything
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
    private final Optional<LibWebp> webp;

    @Inject
    public TurboJpegDecoder(@ConfigProperty(name = "visage.image.max-pixels") long maxPixels, ImageIoDecoder fallback) {
        this.maxPixels = maxPixels;
        this.fallback = fallback;
        this.turbo = TurboJpeg.load();
        this.webp = LibWebp.load();
        LOG.info("JPEG decoder: " + jpegDecoder() + "; WebP decoder: " + webpDecoder());
    }

    /** For CDI proxies only. */
    protected TurboJpegDecoder() {
        this.maxPixels = 0;
        this.fallback = null;
        this.turbo = Optional.empty();
        this.webp = Optional.empty();
    }

    /** Which library decodes JPEGs here, for the log and the readiness check. */
    public String jpegDecoder() {
        return turbo.isPresent() ? "libjpeg-turbo" : "imageio (libturbojpeg0 not installed)";
    }

    /** Which library decodes WebP photos here. */
    public String webpDecoder() {
        return webp.isPresent() ? "libwebp" : "imageio (libwebp7 not installed)";
    }

    @Override
    public DecodedImage decode(byte[] encoded, int minLongSide) throws UndecodableImageException {
        if (webp.isPresent() && is("webp", encoded)) {
            Optional<DecodedImage> decoded = decodeWebp(webp.get(), encoded);
            if (decoded.isPresent()) {
                return decoded.get();
            }
            return fallback.decode(encoded, minLongSide);
        }
        if (turbo.isEmpty() || !is("jpeg", encoded)) {
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

    /** Full size (libwebp's simple API has no reduced decoding); empty when libwebp refuses the data. */
    private Optional<DecodedImage> decodeWebp(LibWebp lib, byte[] encoded) throws UndecodableImageException {
        Optional<LibWebp.Size> size = lib.size(encoded);
        if (size.isEmpty()) {
            return Optional.empty();
        }
        int w = size.get().width();
        int h = size.get().height();
        if ((long) w * h > maxPixels) {
            throw new UndecodableImageException("image too large: " + w + "x" + h + " exceeds " + maxPixels + " pixels");
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        if (!lib.decodeBgr(encoded, size.get(), ((DataBufferByte) image.getRaster().getDataBuffer()).getData())) {
            return Optional.empty();
        }
        BufferedImage upright = ExifOrientation.orient(image, ExifOrientation.orientation(encoded, "webp"));
        return Optional.of(new DecodedImage(upright, "webp", upright.getWidth(), upright.getHeight(), 1.0, List.of()));
    }

    /** What the first bytes announce (for a JPEG: SOI followed by a marker, what TurboJPEG insists on). */
    private static boolean is(String format, byte[] encoded) {
        return encoded != null && encoded.length > 3
                && ImageSniffer.sniff(encoded, encoded.length).filter(format::equals).isPresent();
    }

    private static String readable(String message) {
        return message == null || message.isBlank() ? "unreadable JPEG data" : message.strip();
    }
}
