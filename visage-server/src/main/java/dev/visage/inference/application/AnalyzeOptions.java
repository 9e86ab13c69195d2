package dev.visage.inference.application;

import java.util.OptionalDouble;

/**
 * @param aligned          the whole image is one pre-aligned face crop (ArcFace template); no detection
 * @param includeEmbedding compute the embedding (age/gender and quality are always computed)
 * @param maxFaces         keep at most this many faces, the largest first (as Rekognition's MaxFaces)
 * @param minScore         detector score threshold; empty: {@code visage.detector.min-score}
 * @param embedder         the recogniser by short name or name@version (see {@link FaceAnalyzer#embeddingModels()});
 *                         null: the configured one
 * @param attributes       estimate age, gender and the anti-spoofing score (false: they are null/NaN, and their
 *                         models do not run)
 * @param minFacePx        smallest face worth looking for, in pixels of the analysed photo (after max-dimension);
 *                         empty: {@code visage.detector.min-face-px}
 */
public record AnalyzeOptions(boolean aligned, boolean includeEmbedding, int maxFaces, OptionalDouble minScore,
                             String embedder, boolean attributes, OptionalDouble minFacePx) {

    public AnalyzeOptions {
        if (maxFaces < 1) {
            throw new IllegalArgumentException("maxFaces must be at least 1");
        }
    }

    public AnalyzeOptions(boolean aligned, boolean includeEmbedding, int maxFaces, OptionalDouble minScore) {
        this(aligned, includeEmbedding, maxFaces, minScore, null, true, OptionalDouble.empty());
    }

    public static AnalyzeOptions defaults() {
        return new AnalyzeOptions(false, true, 100, OptionalDouble.empty());
    }

    /** Embed with this recogniser (short name or name@version) instead of the configured one. */
    public AnalyzeOptions withEmbedder(String value) {
        return new AnalyzeOptions(aligned, includeEmbedding, maxFaces, minScore, value, attributes, minFacePx);
    }

    public AnalyzeOptions withAligned(boolean value) {
        return new AnalyzeOptions(value, includeEmbedding, maxFaces, minScore, embedder, attributes, minFacePx);
    }

    public AnalyzeOptions withIncludeEmbedding(boolean value) {
        return new AnalyzeOptions(aligned, value, maxFaces, minScore, embedder, attributes, minFacePx);
    }

    public AnalyzeOptions withMaxFaces(int value) {
        return new AnalyzeOptions(aligned, includeEmbedding, value, minScore, embedder, attributes, minFacePx);
    }

    public AnalyzeOptions withMinScore(double value) {
        return new AnalyzeOptions(aligned, includeEmbedding, maxFaces, OptionalDouble.of(value), embedder, attributes,
                minFacePx);
    }

    public AnalyzeOptions withAttributes(boolean value) {
        return new AnalyzeOptions(aligned, includeEmbedding, maxFaces, minScore, embedder, value, minFacePx);
    }

    public AnalyzeOptions withMinFacePx(double value) {
        return new AnalyzeOptions(aligned, includeEmbedding, maxFaces, minScore, embedder, attributes,
                OptionalDouble.of(value));
    }
}
