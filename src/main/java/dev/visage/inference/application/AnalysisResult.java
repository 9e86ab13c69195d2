package dev.visage.inference.application;

import java.util.List;
import java.util.Map;

/** Faces found in one photo (largest first), the photo's size after EXIF orientation, and stage timings. */
public record AnalysisResult(List<AnalyzedFace> faces, int width, int height, Map<String, Double> timingsMs) {
}
