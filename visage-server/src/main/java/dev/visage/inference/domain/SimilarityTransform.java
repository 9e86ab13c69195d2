package dev.visage.inference.domain;

/**
 * A 2-D similarity (rotation + uniform scale + translation, no reflection):
 * {@code x' = a·x − b·y + tx,  y' = b·x + a·y + ty}.
 */
public record SimilarityTransform(double a, double b, double tx, double ty) {

    /**
     * Least-squares fit mapping {@code src[i]} onto {@code dst[i]} (points as x,y pairs), the
     * closed form of Umeyama's method in 2-D: with both point sets centred,
     * {@code a = Σ(p·q) / Σ|p|²} and {@code b = Σ(p×q) / Σ|p|²}.
     */
    public static SimilarityTransform fit(double[] src, double[] dst) {
        int n = src.length / 2;
        double sx = 0, sy = 0, dx = 0, dy = 0;
        for (int i = 0; i < n; i++) {
            sx += src[2 * i];
            sy += src[2 * i + 1];
            dx += dst[2 * i];
            dy += dst[2 * i + 1];
        }
        sx /= n;
        sy /= n;
        dx /= n;
        dy /= n;
        double norm = 0, dot = 0, cross = 0;
        for (int i = 0; i < n; i++) {
            double px = src[2 * i] - sx, py = src[2 * i + 1] - sy;
            double qx = dst[2 * i] - dx, qy = dst[2 * i + 1] - dy;
            norm += px * px + py * py;
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
        }
        if (norm == 0) {
            throw new IllegalArgumentException("degenerate points: all equal");
        }
        double a = dot / norm;
        double b = cross / norm;
        return new SimilarityTransform(a, b, dx - (a * sx - b * sy), dy - (b * sx + a * sy));
    }

    public double scale() {
        return Math.hypot(a, b);
    }

    public double[] apply(double x, double y) {
        return new double[] {a * x - b * y + tx, b * x + a * y + ty};
    }

    public SimilarityTransform inverse() {
        double d = a * a + b * b;
        double ia = a / d;
        double ib = -b / d;
        return new SimilarityTransform(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
    }
}
