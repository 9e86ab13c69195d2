package dev.visage.inference.domain;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.jpeg.JpegProcessingException;
import com.drew.imaging.riff.RiffProcessingException;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * EXIF orientation, read from the encoded bytes and applied to decoded pixels, so faces in
 * phone photos come out upright whichever decoder produced the pixels.
 */
public final class ExifOrientation {

    private static final Logger LOG = Logger.getLogger(ExifOrientation.class.getName());

    private ExifOrientation() {
    }

    /** The EXIF orientation tag (1..8), 1 when there is none. */
    public static int orientation(byte[] encoded, String format) {
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
    public static BufferedImage orient(BufferedImage image, int orientation) {
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
