package dev.visage.ingest.domain;

/** What the worker learnt about an image. */
public record ImageFacts(String sha256, int width, int height, String phash, String format, long sizeBytes) {
}
