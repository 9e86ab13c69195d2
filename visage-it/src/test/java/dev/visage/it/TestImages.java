package dev.visage.it;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Images made by the tests from the shared photos (never stored in the project). */
public final class TestImages {

    private TestImages() {
    }

    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A 640×480 grey picture with no face in it. */
    public static byte[] noFace() {
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(128, 140, 150));
        g.fillRect(0, 0, 640, 480);
        g.setColor(new Color(90, 60, 40));
        g.fillRect(100, 300, 440, 60);
        g.dispose();
        return jpeg(img);
    }

    /** Two photos side by side, each scaled to height 480: the left one, then the right one. */
    public static byte[] sideBySide(byte[] left, byte[] right) {
        BufferedImage a = read(left);
        BufferedImage b = read(right);
        int h = 480;
        int wa = a.getWidth() * h / a.getHeight();
        int wb = b.getWidth() * h / b.getHeight();
        BufferedImage out = new BufferedImage(wa + wb, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(a, 0, 0, wa, h, null);
        g.drawImage(b, wa, 0, wb, h, null);
        g.dispose();
        return jpeg(out);
    }

    /** Width of the left photo in {@link #sideBySide}. */
    public static int leftWidth(byte[] left) {
        BufferedImage a = read(left);
        return a.getWidth() * 480 / a.getHeight();
    }

    /** The photo letterboxed into 640×480, as a kiosk camera frame. */
    public static byte[] frame640x480(byte[] photo) {
        BufferedImage a = read(photo);
        double scale = Math.min(640.0 / a.getWidth(), 480.0 / a.getHeight());
        int w = (int) (a.getWidth() * scale);
        int h = (int) (a.getHeight() * scale);
        BufferedImage out = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(a, (640 - w) / 2, (480 - h) / 2, w, h, null);
        g.dispose();
        return jpeg(out);
    }

    /** The photo scaled to the given width (aspect kept): a distinct file of the same scene. */
    public static byte[] scaledToWidth(byte[] photo, int width) {
        BufferedImage a = read(photo);
        int h = Math.max(1, a.getHeight() * width / a.getWidth());
        BufferedImage out = new BufferedImage(width, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(a, 0, 0, width, h, null);
        g.dispose();
        return jpeg(out);
    }

    private static BufferedImage read(byte[] bytes) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            if (img == null) {
                throw new IllegalArgumentException("not an image");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] jpeg(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "jpg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
