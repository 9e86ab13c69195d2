package dev.visage.inference.domain;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Shrinks large photos before detection. A 24-megapixel photo gains nothing in accuracy over
 * a 1920-pixel copy (the detector sees 256×256 anyway) but costs ~70 MB of pixels per worker;
 * callers map coordinates back with {@link #factor}.
 */
public final class Downscaler {

    private Downscaler() {
    }

    /** The scale (≤ 1) that fits the longer side into {@code maxDimension}; 1 when it fits or the limit is 0 (off). */
    public static double factor(int width, int height, int maxDimension) {
        int longest = Math.max(width, height);
        return maxDimension <= 0 || longest <= maxDimension ? 1.0 : (double) maxDimension / longest;
    }

    /**
     * Scales by {@code factor} (< 1) in halving steps: one bilinear step over a large ratio
     * skips pixels and aliases fine detail, which detectors notice.
     */
    public static BufferedImage shrink(BufferedImage image, double factor) {
        int targetW = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int targetH = Math.max(1, (int) Math.round(image.getHeight() * factor));
        BufferedImage current = image;
        while (current.getWidth() / 2 >= targetW && current.getHeight() / 2 >= targetH) {
            current = resize(current, current.getWidth() / 2, current.getHeight() / 2);
        }
        return current.getWidth() == targetW && current.getHeight() == targetH ? current
                : resize(current, targetW, targetH);
    }

    private static BufferedImage resize(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return out;
    }
}
