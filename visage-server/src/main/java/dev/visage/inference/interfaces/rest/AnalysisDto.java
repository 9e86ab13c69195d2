package dev.visage.inference.interfaces.rest;

import dev.visage.inference.application.AnalysisResult;
import dev.visage.inference.application.AnalyzedFace;
import java.util.List;
import java.util.Map;

/**
 * Response of POST /api/v1/faces/analyze (snake_case on the wire). {@code warnings}: damage the
 * decoder recovered from (e.g. {@code truncated: premature end of JPEG file}); empty for a sound photo.
 */
public record AnalysisDto(List<FaceDto> faces, ImageDto image, Map<String, Double> timingsMs, List<String> warnings) {

    public record ImageDto(int width, int height) {
    }

    /** {@code embedding} is omitted unless include_embedding=true; {@code model} names the recogniser. */
    public record FaceDto(double[] bbox, double score, List<KeypointDto> keypoints, QualityDto quality,
                          AttributesDto attributes, double antispoof, float[] embedding, String model) {
    }

    public record KeypointDto(String name, double x, double y) {
    }

    public record QualityDto(boolean accepted, List<String> reasons, double sharpness, double yaw, double roll,
                             double size) {
    }

    public record AttributesDto(double age, String gender, double genderConfidence) {
    }

    static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }

    static AnalysisDto of(AnalysisResult result, String model) {
        List<FaceDto> faces = result.faces().stream().map(f -> face(f, model)).toList();
        Map<String, Double> timings = new java.util.LinkedHashMap<>();
        result.timingsMs().forEach((k, v) -> timings.put(k, round(v, 100)));
        return new AnalysisDto(faces, new ImageDto(result.width(), result.height()), timings, result.warnings());
    }

    private static FaceDto face(AnalyzedFace f, String model) {
        AnalyzedFace.Box b = f.box();
        AnalyzedFace.FaceQuality q = f.quality();
        return new FaceDto(new double[] {round(b.x(), 10), round(b.y(), 10), round(b.width(), 10), round(b.height(), 10)},
                round(f.score(), 1e4),
                f.keypoints().stream().map(k -> new KeypointDto(k.name(), round(k.x(), 10), round(k.y(), 10))).toList(),
                new QualityDto(q.accepted(), q.reasons(), round(q.sharpness(), 10), round(q.yaw(), 10), round(q.roll(), 10),
                        round(q.size(), 10)),
                new AttributesDto(round(f.attributes().age(), 10), f.attributes().gender(),
                        round(f.attributes().genderConfidence(), 100)),
                round(f.antispoof(), 1e4), f.embedding() == null ? null : f.embedding().vector(),
                f.embedding() == null ? model : f.embedding().model());
    }
}
