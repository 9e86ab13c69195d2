package dev.visage.ingest.application.internal;

import dev.visage.inference.application.AnalyzedFace;
import dev.visage.inference.application.DecodedImage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The pipeline's face crops and thumbnails (step 6's second half), and their JPEG encoding. */
@ApplicationScoped
public class FaceCrops {

    private final double cropPadding;
    private final int cropSize;
    private final int thumbSize;

    @Inject
    public FaceCrops(@ConfigProperty(name = "visage.ingest.crop-padding") double cropPadding,
                     @ConfigProperty(name = "visage.ingest.crop-size") int cropSize,
                     @ConfigProperty(name = "visage.ingest.thumb-size") int thumbSize) {
        this.cropPadding = cropPadding;
        this.cropSize = cropSize;
        this.thumbSize = thumbSize;
    }

    /** For CDI proxies only. */
    protected FaceCrops() {
        this(0, 1, 0);
    }

    /**
     * The detector box grown by the padding on every side, made square around its centre and
     * scaled to cropSize×cropSize; parts outside the photo stay black so that every crop has the
     * face centred at the same scale (what galleries and re-embedding expect).
     */
    BufferedImage crop(DecodedImage photo, AnalyzedFace.Box box) {
        // the box is in the photo's own pixels; the pixels may be at a reduced DCT scale
        double side = Math.max(box.width(), box.height()) * (1 + 2 * cropPadding) * photo.scale();
        double x0 = (box.x() + box.width() / 2) * photo.scale() - side / 2;
        double y0 = (box.y() + box.height() / 2) * photo.scale() - side / 2;
        double scale = cropSize / side;
        BufferedImage image = photo.image();
        BufferedImage out = new BufferedImage(cropSize, cropSize, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, new java.awt.geom.AffineTransform(scale, 0, 0, scale, -x0 * scale, -y0 * scale), null);
        g.dispose();
        return out;
    }

    BufferedImage thumbnail(BufferedImage crop) {
        double scale = (double) thumbSize / Math.max(crop.getWidth(), crop.getHeight());
        int w = Math.max(1, (int) Math.round(crop.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(crop.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(crop, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "jpeg", out)) {
            throw new IOException("no JPEG writer");
        }
        return out.toByteArray();
    }
}
