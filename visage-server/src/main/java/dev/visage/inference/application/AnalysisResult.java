package dev.visage.inference.application;

import java.util.List;
import java.util.Map;

/**
 * Faces found in one photo (largest first), the photo's size after EXIF orientation, stage
 * timings, and the decoder's warnings about damage it recovered from (see {@link DecodedImage#warnings()}).
 */
public record AnalysisResult(List<AnalyzedFace> faces, int width, int height, Map<String, Double> timingsMs,
                             List<String> warnings) {

    public AnalysisResult {
        warnings = List.copyOf(warnings);
    }

    /** A result without decoder warnings (the image was sound, or did not come from a decoder). */
    public AnalysisResult(List<AnalyzedFace> faces, int width, int height, Map<String, Double> timingsMs) {
        this(faces, width, height, timingsMs, List.of());
    }
}
