package dev.visage.inference.domain;

/** Passive anti-spoofing: probability that a face crop shows a real face (not a print or screen). */
public interface SpoofDetector {

    int inputSize();

    /** {@code crops}: n face crops, RGB HWC 0..255. */
    float[] realScores(float[] crops, int n);
}
