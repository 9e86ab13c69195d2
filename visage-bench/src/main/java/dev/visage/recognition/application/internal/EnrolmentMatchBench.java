package dev.visage.recognition.application.internal;

import java.util.Arrays;
import java.util.Random;

/**
 * The in-memory matching step alone (no inference, no transport): brute-force best match of
 * one probe against 1k / 10k / 100k random 1024-d unit vectors. A main, not a test:
 * {@code java -cp target/classes:target/test-classes dev.visage.recognition.application.internal.EnrolmentMatchBench}.
 */
public final class EnrolmentMatchBench {

    private EnrolmentMatchBench() {
    }

    public static void main(String[] args) {
        int dims = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        Random random = new Random(42);
        for (int size : new int[] {1_000, 10_000, 100_000}) {
            CompanyEnrolments gallery = new CompanyEnrolments(true);
            for (int i = 0; i < size; i++) {
                gallery.addFace("u" + i, "f1", unit(random, dims));
            }
            float[] probe = unit(random, dims);
            for (int i = 0; i < 50; i++) {
                gallery.best(probe);
            }
            int runs = 200;
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                gallery.best(probe);
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf("%7d x %d-d: p50 %.2f ms p99 %.2f ms%n", size, dims, ms[runs / 2], ms[runs * 99 / 100 - 1]);
        }
    }

    private static float[] unit(Random random, int dims) {
        float[] v = new float[dims];
        double n = 0;
        for (int i = 0; i < dims; i++) {
            v[i] = (float) random.nextGaussian();
            n += v[i] * v[i];
        }
        for (int i = 0; i < dims; i++) {
            v[i] /= (float) Math.sqrt(n);
        }
        return v;
    }
}
