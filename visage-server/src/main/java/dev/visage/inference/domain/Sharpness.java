package dev.visage.inference.domain;

/** Focus measure: variance of the 4-neighbour Laplacian of the grey image (higher = sharper). */
public final class Sharpness {

    private Sharpness() {
    }

    /** For an RGB HWC float crop (0..255) of size×size at {@code offset}. */
    public static double varianceOfLaplacian(float[] crop, int offset, int size) {
        float[] grey = new float[size * size];
        for (int i = 0; i < grey.length; i++) {
            int p = offset + 3 * i;
            grey[i] = 0.299f * crop[p] + 0.587f * crop[p + 1] + 0.114f * crop[p + 2];
        }
        double sum = 0, sumSq = 0;
        int n = 0;
        for (int y = 1; y < size - 1; y++) {
            for (int x = 1; x < size - 1; x++) {
                int i = y * size + x;
                double lap = grey[i - 1] + grey[i + 1] + grey[i - size] + grey[i + size] - 4 * grey[i];
                sum += lap;
                sumSq += lap * lap;
                n++;
            }
        }
        double mean = sum / n;
        return sumSq / n - mean * mean;
    }
}
