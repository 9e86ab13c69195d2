package dev.visage.recognition.application;

/** 1:1 verification: similarity (cosine clamped to 0..1) and whether it reaches the threshold. */
public record Verification(boolean match, double similarity, double threshold) {
}
