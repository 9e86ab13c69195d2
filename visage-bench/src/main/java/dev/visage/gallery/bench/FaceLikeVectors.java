package dev.visage.gallery.bench;

import dev.visage.inference.tools.DegradedEvaluation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic face embeddings shaped like a real recogniser's, for the search benchmark. Unit vectors
 * {@code normalise(mean + identity + capture)}: the mean direction of all faces (length
 * {@code meanNorm}), an identity offset drawn once per person from a Gaussian whose variances fall off as
 * {@code k^-betweenDecay} over the dimensions, and a capture offset per face from a Gaussian whose
 * variances fall off as {@code k^-withinDecay}, over the same dimensions in another (seeded random) order,
 * so that what varies between photos of one person is not what tells people apart.
 * <p>
 * The five numbers are {@linkplain #fit fitted} to the real embeddings of the repository's photos
 * ({@link RealEmbeddings}: every single-person deepface photo, clean and degraded): the impostor cosine
 * (mean and spread, clean photos of different people), the genuine cosine (mean and spread, all captures of
 * one person) and the participation ratio of the within-person covariance (how many dimensions a
 * person's captures spread over). An isotropic spread (the benchmark's earlier vectors) puts every other
 * person at almost the same distance, which no trained recogniser does and which is the hardest case for
 * a graph index; fitting the spread to real embeddings makes the benchmark say what a real gallery gets.
 */
public final class FaceLikeVectors {

    /** The generator's parameters. */
    public record Shape(int dims, double meanNorm, double between, double betweenDecay, double within,
                        double withinDecay) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "dims %d, mean norm %.2f, between variance %.2f (decay %.1f),"
                    + " within variance %.3f (decay %.1f)", dims, meanNorm, between, betweenDecay, within, withinDecay);
        }
    }

    /** What the fit matches: impostor and genuine cosines, and the within-person participation ratio. */
    public record Stats(double impostorMean, double impostorSd, double genuineMean, double genuineSd,
                        double withinParticipation) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "impostor cosine %.3f ± %.3f, genuine %.3f ± %.3f,"
                    + " within-person participation ratio %.1f", impostorMean, impostorSd, genuineMean, genuineSd,
                    withinParticipation);
        }
    }

    private final Shape shape;
    private final Random random;
    private final double[] mean;
    private final double[] betweenSd;
    private final double[] withinSd;

    public FaceLikeVectors(Shape shape, Random random) {
        this.shape = shape;
        this.random = random;
        int d = shape.dims();
        mean = new double[d];
        double norm = 0;
        for (int i = 0; i < d; i++) {
            mean[i] = random.nextGaussian();
            norm += mean[i] * mean[i];
        }
        for (int i = 0; i < d; i++) {
            mean[i] *= shape.meanNorm() / Math.sqrt(norm);
        }
        betweenSd = spectrum(d, shape.between(), shape.betweenDecay());
        double[] within = spectrum(d, shape.within(), shape.withinDecay());
        withinSd = new double[d];
        int[] order = permutation(d, random);
        for (int i = 0; i < d; i++) {
            withinSd[i] = within[order[i]];
        }
    }

    public Shape shape() {
        return shape;
    }

    /** A new person: the identity's point before normalisation (mean + identity offset). */
    public double[] person() {
        double[] p = new double[shape.dims()];
        for (int i = 0; i < p.length; i++) {
            p[i] = mean[i] + betweenSd[i] * random.nextGaussian();
        }
        return p;
    }

    /** A new capture (unit vector) of the person. */
    public float[] face(double[] person) {
        float[] v = new float[person.length];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            double x = person[i] + withinSd[i] * random.nextGaussian();
            v[i] = (float) x;
            norm += x * x;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /** Standard deviations whose variances fall off as k^-decay and add up to total. */
    private static double[] spectrum(int d, double total, double decay) {
        double[] var = new double[d];
        double sum = 0;
        for (int k = 0; k < d; k++) {
            var[k] = Math.pow(k + 1, -decay);
            sum += var[k];
        }
        for (int k = 0; k < d; k++) {
            var[k] = Math.sqrt(total * var[k] / sum);
        }
        return var;
    }

    private static int[] permutation(int d, Random random) {
        int[] p = new int[d];
        for (int i = 0; i < d; i++) {
            p[i] = i;
        }
        for (int i = d - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The statistics of labelled unit vectors; clean[i] marks the captures the impostor cosines use. */
    public static Stats stats(List<String> identity, List<float[]> vectors, List<Boolean> clean) {
        int n = vectors.size();
        int d = vectors.get(0).length;
        double[] imp = new double[2];
        double[] gen = new double[2];
        long impN = 0;
        long genN = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double s = dot(vectors.get(a), vectors.get(b));
                if (identity.get(a).equals(identity.get(b))) {
                    gen[0] += s;
                    gen[1] += s * s;
                    genN++;
                } else if (clean.get(a) && clean.get(b)) {
                    imp[0] += s;
                    imp[1] += s * s;
                    impN++;
                }
            }
        }
        Map<String, double[]> centre = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (int i = 0; i < n; i++) {
            double[] c = centre.computeIfAbsent(identity.get(i), k -> new double[d]);
            for (int k = 0; k < d; k++) {
                c[k] += vectors.get(i)[k];
            }
            count.merge(identity.get(i), 1, Integer::sum);
        }
        // participation ratio (tr C)^2 / |C|_F^2 of C = sum w w^T, through the Gram matrix (fewer captures than dims)
        float[][] w = new float[n][d];
        for (int i = 0; i < n; i++) {
            double[] c = centre.get(identity.get(i));
            int m = count.get(identity.get(i));
            for (int k = 0; k < d; k++) {
                w[i][k] = (float) (vectors.get(i)[k] - c[k] / m);
            }
        }
        double trace = 0;
        double frobenius = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double g = dot(w[a], w[b]);
                frobenius += g * g;
                if (a == b) {
                    trace += g;
                }
            }
        }
        double im = imp[0] / impN;
        double gm = gen[0] / genN;
        return new Stats(im, Math.sqrt(imp[1] / impN - im * im), gm, Math.sqrt(gen[1] / genN - gm * gm),
                trace * trace / frobenius);
    }

    /** The statistics of this generator on a sample shaped like the real set (people × captures, the first clean). */
    public static Stats sample(Shape shape, int people, int captures, long seed) {
        FaceLikeVectors g = new FaceLikeVectors(shape, new Random(seed));
        List<String> ids = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        List<Boolean> clean = new ArrayList<>();
        for (int p = 0; p < people; p++) {
            double[] person = g.person();
            for (int c = 0; c < captures; c++) {
                ids.add("p" + p);
                vectors.add(g.face(person));
                clean.add(c == 0);
            }
        }
        return stats(ids, vectors, clean);
    }

    /**
     * The shape whose sample statistics come closest to the real ones (a grid search; each statistic weighed
     * by how precisely the real set measures it).
     */
    public static Shape fit(Stats real, int dims) {
        double[] decays = {0, 0.5, 0.75, 1.0, 1.5};
        Shape best = null;
        double bestError = Double.MAX_VALUE;
        // meanNorm and the two variances set the cosines' means; a coarse grid around the real means first
        for (double meanNorm : grid(0.05, 0.98, 12)) {
            for (double between : grid(0.02, 1.2, 12)) {
                for (double within : grid(0.01, 1.0, 12)) {
                    Shape s = new Shape(dims, meanNorm, between, 1, within, 0.5);
                    double e = meanError(expected(s), real);
                    if (e < bestError) {
                        bestError = e;
                        best = s;
                    }
                }
            }
        }
        Shape coarse = best;
        bestError = Double.MAX_VALUE;
        for (double bd : decays) {
            for (double wd : decays) {
                for (double f1 : new double[] {0.9, 1, 1.1}) {
                    for (double f2 : new double[] {0.85, 1, 1.15}) {
                        Shape s = new Shape(dims, Math.min(0.99, coarse.meanNorm() * f1), coarse.between() * f2, bd,
                                coarse.within() * f2, wd);
                        Stats st = sample(s, 40, 8, 7);
                        double e = error(st, real);
                        if (e < bestError) {
                            bestError = e;
                            best = s;
                        }
                    }
                }
            }
        }
        return best;
    }

    /** The cosines' means as a first-order estimate (before normalisation): enough to place the grid. */
    private static double[] expected(Shape s) {
        double m2 = s.meanNorm() * s.meanNorm();
        double norm = m2 + s.between() + s.within();
        return new double[] {m2 / norm, (m2 + s.between()) / norm};
    }

    private static double meanError(double[] e, Stats real) {
        return Math.pow(e[0] - real.impostorMean(), 2) + Math.pow(e[1] - real.genuineMean(), 2);
    }

    private static double error(Stats s, Stats real) {
        return sq((s.impostorMean() - real.impostorMean()) / 0.01) + sq((s.impostorSd() - real.impostorSd()) / 0.005)
                + sq((s.genuineMean() - real.genuineMean()) / 0.01) + sq((s.genuineSd() - real.genuineSd()) / 0.02)
                + sq((s.withinParticipation() - real.withinParticipation()) / 3);
    }

    private static double sq(double x) {
        return x * x;
    }

    private static double[] grid(double from, double to, int steps) {
        double[] g = new double[steps];
        for (int i = 0; i < steps; i++) {
            g[i] = from * Math.pow(to / from, (double) i / (steps - 1));
        }
        return g;
    }

    static double dot(float[] u, float[] v) {
        return DegradedEvaluation.dot(u, v);
    }
}
