package dev.visage.recognition.application.internal;

/** Similarity as the kiosk reports it. */
final class Similarity {

    private Similarity() {
    }

    static double confidence(double cosine) {
        if (Double.isNaN(cosine) || cosine <= 0) {
            return 0.0;
        }
        return Math.min(1.0, cosine);
    }

    static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.NEGATIVE_INFINITY;
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot;
    }
}
