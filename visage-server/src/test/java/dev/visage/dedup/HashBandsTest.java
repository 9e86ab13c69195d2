package dev.visage.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.dedup.application.FaceKeys;
import dev.visage.dedup.application.HashBands;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashBandsTest {

    @Test
    void probeListsHaveTheBinomialSizes() {
        assertEquals(1 + 22 + 231, HashBands.neighbours(0x8f373c9c3c9c3c1eL, 0, 2).length);
        assertEquals(1 + 21 + 210, HashBands.neighbours(0x8f373c9c3c9c3c1eL, 1, 2).length);
        int[] n = HashBands.neighbours(-1L, 2, 2);
        assertEquals(n.length, new HashSet<>(Arrays.stream(n).boxed().toList()).size(), "no value twice");
    }

    @Test
    void everyHashWithinTheThresholdSharesAProbedBand() {
        Random random = new Random(42);
        for (int maxHamming : new int[] {0, 3, 8, 11}) {
            int radius = HashBands.radius(maxHamming);
            for (int trial = 0; trial < 2000; trial++) {
                long q = random.nextLong();
                long other = q;
                int flips = random.nextInt(maxHamming + 1);
                Set<Integer> bits = new HashSet<>();
                while (bits.size() < flips) {
                    bits.add(random.nextInt(64));
                }
                for (int b : bits) {
                    other ^= 1L << b;
                }
                boolean found = false;
                for (int band = 0; band < 3 && !found; band++) {
                    int value = HashBands.band(other, band);
                    found = Arrays.stream(HashBands.neighbours(q, band, radius)).anyMatch(v -> v == value);
                }
                assertTrue(found, "distance " + flips + " at threshold " + maxHamming);
            }
        }
    }

    @Test
    void faceKeysAndSameFaceOverlap() {
        FaceKeys.Box box = FaceKeys.Box.of(100, 100, 50, 60, 1000, 800);
        FaceKeys.Box half = FaceKeys.Box.of(50, 50, 25, 30, 500, 400);
        String a = FaceKeys.of("acme", "s", box);
        assertEquals(a, FaceKeys.of("acme", "s", half), "the same face in a half-size copy");
        assertNotEquals(a, FaceKeys.of("other", "s", box));
        assertNotEquals(a, FaceKeys.of("acme", "t", box));
        assertTrue(box.iou(FaceKeys.Box.of(104, 97, 52, 61, 1000, 800)) >= FaceKeys.SAME_FACE_IOU, "a few pixels off");
        assertTrue(box.iou(FaceKeys.Box.of(400, 100, 50, 60, 1000, 800)) < FaceKeys.SAME_FACE_IOU, "another face");
        assertEquals(1.0, box.iou(half), 1e-9);
    }
}
