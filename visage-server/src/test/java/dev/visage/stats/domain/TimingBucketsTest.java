package dev.visage.stats.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimingBucketsTest {

    @Test
    void bucketBoundsContainTheirSamples() {
        for (double ms : new double[] {0.05, 0.1, 0.3, 1, 7.5, 100, 12345}) {
            int b = TimingBuckets.bucketOf(ms);
            assertTrue(ms <= TimingBuckets.upperBound(b) * (1 + 1e-9), ms + " <= bound of " + b);
            assertTrue(b == 0 || ms > TimingBuckets.upperBound(b - 1), ms + " > bound of " + (b - 1));
        }
    }

    @Test
    void p95IsWithinOneBucketOfTheTrueValue() {
        long[] counts = new long[TimingBuckets.COUNT];
        for (int i = 1; i <= 100; i++) {
            counts[TimingBuckets.bucketOf(i)]++;
        }
        double p95 = TimingBuckets.quantile(counts, 0.95);
        assertTrue(p95 >= 95 && p95 <= 95 * 1.25, "p95 " + p95);
        assertEquals(0, TimingBuckets.quantile(new long[TimingBuckets.COUNT], 0.95));
    }
}
