package dev.visage.dedup.application;

import java.awt.image.BufferedImage;

/** 64-bit perceptual hashes: near-identical images differ in few bits. */
public interface PerceptualHasher {

    long hash(BufferedImage image);

    static String toHex(long hash) {
        return String.format("%016x", hash);
    }

    static int hammingDistance(long a, long b) {
        return Long.bitCount(a ^ b);
    }
}
