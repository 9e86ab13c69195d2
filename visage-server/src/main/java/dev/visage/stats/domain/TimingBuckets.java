package dev.visage.stats.domain;

/** Log-spaced histogram buckets: bucket b covers up to 0.1 ms × 1.25^b (b = 0..99, ~0.1 ms to ~4 h). */
public final class TimingBuckets {

    public static final int COUNT = 100;
    private static final double BASE = 0.1;
    private static final double GROWTH = 1.25;

    private TimingBuckets() {
    }

    public static int bucketOf(double ms) {
        if (!(ms > BASE)) {
            return 0;
        }
        int b = (int) Math.ceil(Math.log(ms / BASE) / Math.log(GROWTH) - 1e-9);
        return Math.min(Math.max(b, 0), COUNT - 1);
    }

    public static double upperBound(int bucket) {
        return BASE * Math.pow(GROWTH, bucket);
    }

    /** The upper bound of the bucket holding the q-quantile, capped at the largest value seen (the mean of the last bucket). */
    public static double quantile(long[] counts, double q) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        long needed = (long) Math.ceil(q * total);
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (seen >= needed) {
                return upperBound(b);
            }
        }
        return upperBound(counts.length - 1);
    }
}
