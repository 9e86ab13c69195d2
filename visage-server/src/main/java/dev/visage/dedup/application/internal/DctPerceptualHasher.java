package dev.visage.dedup.application.internal;

import dev.visage.dedup.application.PerceptualHasher;
import jakarta.enterprise.context.ApplicationScoped;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * The classic DCT pHash: 32×32 greyscale, 2-D DCT-II, the 8×8 lowest frequencies, each
 * bit set when its coefficient is above the median of the 63 AC coefficients. It is
 * the same construction as the imagehash library the runbook's pipeline used.
 */
@ApplicationScoped
public class DctPerceptualHasher implements PerceptualHasher {

    private static final int SIZE = 32;
    private static final int LOW = 8;
    private static final double[][] COS = cosineTable();

    @Override
    public long hash(BufferedImage image) {
        double[][] pixels = greyscale(image);
        double[][] dct = dct2(pixels);
        double[] low = new double[LOW * LOW];
        for (int u = 0; u < LOW; u++) {
            for (int v = 0; v < LOW; v++) {
                low[u * LOW + v] = dct[u][v];
            }
        }
        double[] ac = Arrays.copyOfRange(low, 1, low.length);
        Arrays.sort(ac);
        double median = (ac[ac.length / 2] + ac[(ac.length - 1) / 2]) / 2;
        long hash = 0;
        for (int i = 0; i < low.length; i++) {
            hash = (hash << 1) | (low[i] > median ? 1 : 0);
        }
        return hash;
    }

    private static double[][] greyscale(BufferedImage image) {
        BufferedImage small = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, SIZE, SIZE, null);
        } finally {
            g.dispose();
        }
        double[][] out = new double[SIZE][SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int rgb = small.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int gr = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                out[y][x] = 0.299 * r + 0.587 * gr + 0.114 * b;
            }
        }
        return out;
    }

    private static double[][] dct2(double[][] f) {
        double[][] rows = new double[SIZE][SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int u = 0; u < LOW; u++) {
                double sum = 0;
                for (int x = 0; x < SIZE; x++) {
                    sum += f[y][x] * COS[u][x];
                }
                rows[y][u] = sum;
            }
        }
        double[][] out = new double[LOW][LOW];
        for (int u = 0; u < LOW; u++) {
            for (int v = 0; v < LOW; v++) {
                double sum = 0;
                for (int y = 0; y < SIZE; y++) {
                    sum += rows[y][v] * COS[u][y];
                }
                out[u][v] = sum;
            }
        }
        return out;
    }

    private static double[][] cosineTable() {
        double[][] c = new double[SIZE][SIZE];
        for (int u = 0; u < SIZE; u++) {
            for (int x = 0; x < SIZE; x++) {
                c[u][x] = Math.cos((2 * x + 1) * u * Math.PI / (2 * SIZE));
            }
        }
        return c;
    }
}
