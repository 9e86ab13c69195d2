package dev.visage.inference.tools;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Turns a clean photo of a face into a capture as a cheap camera at a door takes it, deterministically from a seed:
 * the face scaled to 40–120 px wide (context 3 face widths), sometimes partly covered (a mask over mouth and nose,
 * a dark band over the eyes, or a hand-sized block at one side), strong light or shadow (dark, over-exposed, or a
 * shadow ramp across the face), ±20° roll, sometimes blurred, sometimes grey, then JPEG at quality 20–30.
 * The recipe of every capture is returned with it, so a figure can be traced back to the image.
 */
public final class Degrader {

    /** One degraded capture: JPEG bytes and what was done to make it. */
    public record Capture(byte[] jpeg, String recipe) {
    }

    private Degrader() {
    }

    /**
     * @param photo the clean photo
     * @param cx    face centre x in photo pixels (detector box centre)
     * @param cy    face centre y
     * @param faceW face box width in photo pixels
     */
    public static Capture degrade(BufferedImage photo, double cx, double cy, double faceW, long seed)
            throws IOException {
        Random r = new Random(seed);
        StringBuilder recipe = new StringBuilder();
        int w = 40 + r.nextInt(81);
        int side = 3 * w;
        double scale = w / faceW;
        recipe.append(String.format(Locale.ROOT, "face %dpx", w));
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        // the region around the face (outside the photo black), shrunk with area averaging so the small face is
        // not aliased (a camera integrates over its pixels)
        int region = (int) Math.round(side / scale);
        BufferedImage crop = new BufferedImage(region, region, BufferedImage.TYPE_INT_RGB);
        Graphics2D cg = crop.createGraphics();
        cg.drawImage(photo, (int) Math.round(region / 2.0 - cx), (int) Math.round(region / 2.0 - cy), null);
        cg.dispose();
        g.drawImage(crop.getScaledInstance(side, side, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        double c = side / 2.0;
        double occlusion = r.nextDouble();
        if (occlusion < 0.12) {
            g.setColor(new Color(200 + r.nextInt(55), 200 + r.nextInt(55), 200 + r.nextInt(55)));
            g.fillRect((int) (c - 0.5 * w), (int) (c + 0.08 * w), w, (int) (0.55 * w));
            recipe.append(", mask");
        } else if (occlusion < 0.22) {
            g.setColor(new Color(15, 15, 20));
            g.fillRect((int) (c - 0.48 * w), (int) (c - 0.28 * w), (int) (0.96 * w), (int) (0.2 * w));
            recipe.append(", dark glasses");
        } else if (occlusion < 0.30) {
            g.setColor(new Color(190 + r.nextInt(40), 140 + r.nextInt(40), 110 + r.nextInt(40)));
            int x = r.nextBoolean() ? (int) (c - 0.6 * w) : (int) (c + 0.15 * w);
            g.fillRect(x, (int) (c - 0.2 * w), (int) (0.45 * w), (int) (0.7 * w));
            recipe.append(", hand");
        }
        g.dispose();
        int light = r.nextInt(4);
        double gamma = 1.6 + r.nextDouble();
        double gain = 1.4 + 0.4 * r.nextDouble();
        double shadowAngle = r.nextDouble() * 2 * Math.PI;
        double shadowFloor = 0.15 + 0.2 * r.nextDouble();
        recipe.append(switch (light) {
            case 0 -> "";
            case 1 -> String.format(Locale.ROOT, ", dark (gamma %.1f)", gamma);
            case 2 -> String.format(Locale.ROOT, ", over-exposed (x%.1f)", gain);
            default -> String.format(Locale.ROOT, ", shadow ramp to %.2f", shadowFloor);
        });
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int p = img.getRGB(x, y);
                double f = 1;
                if (light == 3) {
                    // linear ramp across the face along a random direction, from full light to shadowFloor
                    double t = ((x - c) * Math.cos(shadowAngle) + (y - c) * Math.sin(shadowAngle)) / w + 0.5;
                    f = shadowFloor + (1 - shadowFloor) * Math.min(1, Math.max(0, t));
                }
                int[] ch = {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
                for (int k = 0; k < 3; k++) {
                    double v = ch[k] / 255.0;
                    v = switch (light) {
                        case 1 -> 0.6 * Math.pow(v, gamma);
                        case 2 -> v * gain;
                        case 3 -> v * f;
                        default -> v;
                    };
                    ch[k] = (int) Math.round(Math.min(1, Math.max(0, v)) * 255);
                }
                img.setRGB(x, y, (ch[0] << 16) | (ch[1] << 8) | ch[2]);
            }
        }
        double roll = -20 + 40 * r.nextDouble();
        recipe.append(String.format(Locale.ROOT, ", roll %.0f°", roll));
        BufferedImage rotated = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D rg = rotated.createGraphics();
        rg.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        rg.drawImage(img, AffineTransform.getRotateInstance(Math.toRadians(roll), c, c), null);
        rg.dispose();
        img = rotated;
        if (r.nextDouble() < 0.5) {
            double sigma = 0.6 + r.nextDouble();
            img = blur(img, sigma);
            recipe.append(String.format(Locale.ROOT, ", blur %.1fpx", sigma));
        }
        if (r.nextDouble() < 0.3) {
            BufferedImage grey = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
            grey.getGraphics().drawImage(img, 0, 0, null);
            img = grey;
            recipe.append(", grey");
        }
        int quality = 20 + r.nextInt(11);
        recipe.append(", JPEG q").append(quality);
        return new Capture(jpeg(img, quality / 100f), recipe.toString());
    }

    static BufferedImage blur(BufferedImage img, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        int n = 2 * radius + 1;
        float[] k1 = new float[n];
        float sum = 0;
        for (int i = 0; i < n; i++) {
            k1[i] = (float) Math.exp(-((i - radius) * (i - radius)) / (2 * sigma * sigma));
            sum += k1[i];
        }
        for (int i = 0; i < n; i++) {
            k1[i] /= sum;
        }
        BufferedImage h = new ConvolveOp(new Kernel(n, 1, k1), ConvolveOp.EDGE_NO_OP, null).filter(img, null);
        return new ConvolveOp(new Kernel(1, n, k1), ConvolveOp.EDGE_NO_OP, null).filter(h, null);
    }

    static byte[] jpeg(BufferedImage img, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
