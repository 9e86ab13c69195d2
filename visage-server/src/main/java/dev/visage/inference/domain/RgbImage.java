package dev.visage.inference.domain;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;

/**
 * Pixels as one interleaved RGB byte array (row-major), the layout every model wants, so a
 * decoded photo is converted once and then cropped/resampled many times without AWT calls.
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("rgb has " + rgb.length + " bytes, expected " + width * height * 3);
        }
    }

    /** Copies the pixels; fast paths for the raster types the JDK decoders produce. Alpha is dropped. */
    public static RgbImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 3];
        boolean plain = image.getRaster().getParent() == null && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0;
        switch (plain ? image.getType() : BufferedImage.TYPE_CUSTOM) {
            case BufferedImage.TYPE_3BYTE_BGR -> {
                byte[] src = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
                for (int i = 0, n = w * h * 3; i < n; i += 3) {
                    out[i] = src[i + 2];
                    out[i + 1] = src[i + 1];
                    out[i + 2] = src[i];
                }
            }
            case BufferedImage.TYPE_BYTE_GRAY -> {
                byte[] src = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
                for (int i = 0, n = w * h; i < n; i++) {
                    out[3 * i] = src[i];
                    out[3 * i + 1] = src[i];
                    out[3 * i + 2] = src[i];
                }
            }
            case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB -> {
                int[] src = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
                for (int i = 0, n = w * h; i < n; i++) {
                    int p = src[i];
                    out[3 * i] = (byte) (p >> 16);
                    out[3 * i + 1] = (byte) (p >> 8);
                    out[3 * i + 2] = (byte) p;
                }
            }
            default -> {
                int[] row = new int[w];
                for (int y = 0; y < h; y++) {
                    image.getRGB(0, y, w, 1, row, 0, w);
                    for (int x = 0, o = y * w * 3; x < w; x++, o += 3) {
                        int p = row[x];
                        out[o] = (byte) (p >> 16);
                        out[o + 1] = (byte) (p >> 8);
                        out[o + 2] = (byte) p;
                    }
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0, n = width * height * 3; i < n; i += 3) {
            dst[i] = rgb[i + 2];
            dst[i + 1] = rgb[i + 1];
            dst[i + 2] = rgb[i];
        }
        return image;
    }
}
