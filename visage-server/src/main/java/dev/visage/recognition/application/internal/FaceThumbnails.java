package dev.visage.recognition.application.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Cuts a face out of its enrolment image for people to look at: the box with a margin, scaled down, as JPEG. */
final class FaceThumbnails {

    /** Margin around the face box on every side, as a fraction of the box (hair and chin stay in view). */
    static final double MARGIN = 0.2;

    private FaceThumbnails() {
    }

    /** @param box [x, y, w, h] in the image's pixels, or null for the whole image */
    static BufferedImage cut(BufferedImage image, int[] box, int maxSide) {
        int x0 = 0;
        int y0 = 0;
        int x1 = image.getWidth();
        int y1 = image.getHeight();
        if (box != null) {
            double padX = box[2] * MARGIN;
            double padY = box[3] * MARGIN;
            x0 = (int) Math.max(0, Math.floor(box[0] - padX));
            y0 = (int) Math.max(0, Math.floor(box[1] - padY));
            x1 = (int) Math.min(image.getWidth(), Math.ceil(box[0] + box[2] + padX));
            y1 = (int) Math.min(image.getHeight(), Math.ceil(box[1] + box[3] + padY));
        }
        int w = Math.max(1, x1 - x0);
        int h = Math.max(1, y1 - y0);
        double scale = Math.min(1.0, (double) maxSide / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, tw, th, x0, y0, x0 + w, y0 + h, null);
        g.dispose();
        return out;
    }

    static byte[] jpeg(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpeg", out)) {
                throw new IllegalStateException("no JPEG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing a JPEG to memory failed", e);
        }
        return out.toByteArray();
    }
}
