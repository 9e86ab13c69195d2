package dev.visage.inference.application.internal;

import dev.visage.inference.application.AnalysisResult;
import dev.visage.inference.application.AnalyzeOptions;
import dev.visage.inference.application.AnalyzedFace;
import dev.visage.inference.application.DecodedImage;
import dev.visage.inference.application.Embedding;
import dev.visage.inference.application.FaceAnalyzer;
import dev.visage.inference.application.ImageDecoder;
import dev.visage.inference.application.UndecodableImageException;
import dev.visage.inference.domain.AgeGender;
import dev.visage.inference.domain.Aligner;
import dev.visage.inference.domain.AttributeEstimator;
import dev.visage.inference.domain.Detection;
import dev.visage.inference.domain.Downscaler;
import dev.visage.inference.domain.FaceDetector;
import dev.visage.inference.domain.FaceEmbedder;
import dev.visage.inference.domain.FaceEmbedders;
import dev.visage.inference.application.EmbeddingModel;
import dev.visage.inference.domain.Keypoints;
import dev.visage.inference.domain.QualityAssessor;
import dev.visage.inference.domain.QualityReason;
import dev.visage.inference.domain.QualityThresholds;
import dev.visage.inference.domain.Resampler;
import dev.visage.inference.domain.RgbImage;
import dev.visage.inference.domain.SpoofDetector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * decode → detect → align → (one batch per model) embed / age+gender / anti-spoof → quality.
 * Every model sees all faces of the photo as a single batch.
 */
@ApplicationScoped
public class DefaultFaceAnalyzer implements FaceAnalyzer {

    /** Sharpness and pose are judged on the 112 crop whatever the embedder's input size. */
    static final int QUALITY_SIZE = 112;

    private final ImageDecoder decoder;
    private final FaceDetector detector;
    private final FaceEmbedders embedders;
    private final AttributeEstimator attributes;
    private final SpoofDetector spoof;
    private final QualityAssessor quality;
    private final double minScore;
    private final double matchThreshold;
    private final int maxDimension;

    @Inject
    public DefaultFaceAnalyzer(ImageDecoder decoder, FaceDetector detector, FaceEmbedders embedders,
                               AttributeEstimator attributes, SpoofDetector spoof,
                               @ConfigProperty(name = "visage.detector.min-score") double minScore,
                               @ConfigProperty(name = "visage.recognition.threshold") double matchThreshold,
                               @ConfigProperty(name = "visage.quality.min-face-px") double minFacePx,
                               @ConfigProperty(name = "visage.quality.min-sharpness") double minSharpness,
                               @ConfigProperty(name = "visage.quality.max-yaw") double maxYaw,
                               @ConfigProperty(name = "visage.quality.max-roll") double maxRoll,
                               @ConfigProperty(name = "visage.quality.min-score") double minQualityScore,
                               @ConfigProperty(name = "visage.analyze.max-dimension") int maxDimension) {
        this.decoder = decoder;
        this.detector = detector;
        this.embedders = embedders;
        this.attributes = attributes;
        this.spoof = spoof;
        this.minScore = minScore;
        this.matchThreshold = matchThreshold;
        this.maxDimension = maxDimension;
        this.quality = new QualityAssessor(new QualityThresholds(minFacePx, minSharpness, maxYaw, maxRoll,
                minQualityScore));
    }

    /** For CDI proxies only. */
    protected DefaultFaceAnalyzer() {
        this(null, null, null, null, null, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public String embeddingModel() {
        return embedders.configured().model();
    }

    @Override
    public List<EmbeddingModel> embeddingModels() {
        return embedders.all().stream().map(e -> new EmbeddingModel(e.alias(), e.model(), e.dimensions(),
                e == embedders.configured() ? matchThreshold : embedders.threshold(e), embedders.operatingPoints(e)))
                .toList();
    }

    @Override
    public double matchThreshold() {
        return matchThreshold;
    }

    @Override
    public DecodedImage decode(byte[] image) throws UndecodableImageException {
        return decoder.decode(image, maxDimension > 0 ? maxDimension : ImageDecoder.FULL_SIZE);
    }

    @Override
    public AnalysisResult analyze(byte[] image, AnalyzeOptions options) throws UndecodableImageException {
        long start = System.nanoTime();
        DecodedImage decoded = decode(image);
        double decodeMs = (System.nanoTime() - start) / 1e6;
        AnalysisResult result = analyze(decoded, options);
        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("decode", decodeMs);
        timings.putAll(result.timingsMs());
        timings.put("total", (System.nanoTime() - start) / 1e6);
        return new AnalysisResult(result.faces(), result.width(), result.height(),
                java.util.Collections.unmodifiableMap(timings), result.warnings());
    }

    @Override
    public AnalysisResult analyze(DecodedImage decoded, AnalyzeOptions options) {
        FaceEmbedder embedder = options.embedder() == null ? embedders.configured()
                : embedders.find(options.embedder()).orElseThrow(() -> new IllegalArgumentException(
                        "unknown recogniser " + options.embedder()));
        Timer timer = new Timer();
        // Detection, alignment and embedding run on a copy that fits max-dimension; boxes and
        // keypoints are mapped back to the photo's own pixels (not the decoded scale's) at the end.
        double factor = Downscaler.factor(decoded.width(), decoded.height(), maxDimension);
        RgbImage image = RgbImage.of(factor < 1 ? Downscaler.shrink(decoded.image(), factor) : decoded.image());
        double back = image.width() == decoded.originalWidth() ? 1.0 : (double) decoded.originalWidth() / image.width();
        timer.lap("convert");
        List<Detection> faces;
        if (options.aligned()) {
            faces = List.of(wholeImageFace(image));
        } else {
            double score = options.minScore().orElse(minScore);
            faces = new ArrayList<>(options.minFacePx().isPresent()
                    ? detector.detect(image, score, options.minFacePx().getAsDouble())
                    : detector.detect(image, score));
            timer.lap("detect");
            faces.sort(Comparator.comparingDouble(Detection::area).reversed());
            if (faces.size() > options.maxFaces()) {
                faces = faces.subList(0, options.maxFaces());
            }
        }
        int n = faces.size();
        if (n == 0) {
            return new AnalysisResult(List.of(), decoded.originalWidth(), decoded.originalHeight(), timer.laps(),
                    decoded.warnings());
        }

        int qs = QUALITY_SIZE;
        float[] qualityCrops = crops(image, faces, Aligner.Template.ARCFACE, qs, options.aligned());
        int es = embedder.inputSize();
        Aligner.Template et = embedder.template();
        boolean arcface = et == Aligner.Template.ARCFACE;
        float[] embedCrops = options.includeEmbedding()
                ? (es == qs && arcface ? qualityCrops : crops(image, faces, et, es, options.aligned())) : null;
        int as = attributes.inputSize();
        float[] attributeCrops = as == es && arcface && embedCrops != null ? embedCrops : null;
        int ss = spoof.inputSize();
        float[] spoofCrops = options.attributes() ? new float[n * ss * ss * 3] : null;
        for (int i = 0; spoofCrops != null && i < n; i++) {
            Detection d = faces.get(i);
            // the detector box made square around its centre: the face crop the anti-spoof model was trained on
            double side = Math.max(d.width(), d.height());
            Resampler.region(image, d.x() + d.width() / 2 - side / 2, d.y() + d.height() / 2 - side / 2, side, side,
                    ss, ss, spoofCrops, i * ss * ss * 3);
        }
        timer.lap("align");

        float[][] vectors = null;
        List<AgeGender> ageGender = List.of();
        if (embedCrops != null) {
            FaceEmbedder.EmbeddingBatch batch = embedder.embed(embedCrops, n);
            vectors = batch.vectors();
            ageGender = batch.attributes();
            timer.lap("embed");
        }
        if (ageGender.isEmpty() && options.attributes()) {
            if (attributeCrops == null) {
                attributeCrops = crops(image, faces, Aligner.Template.ARCFACE, as, options.aligned());
            }
            ageGender = attributes.estimate(attributeCrops, n);
            timer.lap("attributes");
        }
        float[] real;
        if (spoofCrops != null) {
            real = spoof.realScores(spoofCrops, n);
            timer.lap("antispoof");
        } else {
            real = new float[n];
            java.util.Arrays.fill(real, Float.NaN);
        }

        List<QualityAssessor.Verdict> verdicts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            verdicts.add(quality.assess(faces.get(i), qualityCrops, i * qs * qs * 3, qs));
        }
        timer.lap("quality");

        List<AnalyzedFace> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Detection d = faces.get(i);
            List<AnalyzedFace.Keypoint> keypoints = new ArrayList<>(6);
            for (int k = 0; k < 6; k++) {
                keypoints.add(new AnalyzedFace.Keypoint(Keypoints.NAMES.get(k), d.kx(k) * back, d.ky(k) * back));
            }
            QualityAssessor.Verdict v = verdicts.get(i);
            AgeGender ag = options.attributes() ? ageGender.get(i) : null;
            result.add(new AnalyzedFace(new AnalyzedFace.Box(d.x() * back, d.y() * back, d.width() * back,
                    d.height() * back), d.score(), List.copyOf(keypoints),
                    new AnalyzedFace.FaceQuality(v.accepted(), v.reasons().stream().map(QualityReason::name).toList(),
                            v.sharpness(), v.yaw(), v.roll(), v.size() * back),
                    ag == null ? null : new AnalyzedFace.FaceAttributes(ag.age(), ag.gender(), ag.genderConfidence()),
                    real[i], vectors == null ? null : new Embedding(vectors[i], embedder.model())));
        }
        return new AnalysisResult(List.copyOf(result), decoded.originalWidth(), decoded.originalHeight(), timer.laps(),
                decoded.warnings());
    }

    /**
     * Crops of every face aligned onto {@code template}, concatenated. A pre-aligned (ArcFace)
     * photo is only resized for the ArcFace template, and re-aligned from the template's own
     * points for any other.
     */
    private static float[] crops(RgbImage image, List<Detection> faces, Aligner.Template template, int size,
                                 boolean aligned) {
        float[] out = new float[faces.size() * size * size * 3];
        for (int i = 0; i < faces.size(); i++) {
            if (aligned && template == Aligner.Template.ARCFACE) {
                Resampler.region(image, 0, 0, image.width(), image.height(), size, size, out, i * size * size * 3);
            } else {
                Aligner.align(image, faces.get(i), template, size, out, i * size * size * 3);
            }
        }
        return out;
    }

    /** A pre-aligned crop: the whole image, keypoints where the ArcFace template puts them. */
    private static Detection wholeImageFace(RgbImage image) {
        double[] t = Aligner.template(112);
        double[] kp = new double[12];
        for (int k = 0; k < 4; k++) {
            kp[2 * k] = t[2 * k] * image.width() / 112.0;
            kp[2 * k + 1] = t[2 * k + 1] * image.height() / 112.0;
        }
        // no ears in the template: put them level with the eyes at the crop's sides
        kp[8] = 0;
        kp[9] = kp[1];
        kp[10] = image.width();
        kp[11] = kp[3];
        return new Detection(0, 0, image.width(), image.height(), 1.0, kp);
    }

    /** Wall-clock milliseconds per stage. */
    private static final class Timer {
        private final Map<String, Double> laps = new LinkedHashMap<>();
        private long last = System.nanoTime();

        void lap(String stage) {
            long now = System.nanoTime();
            laps.merge(stage, (now - last) / 1e6, Double::sum);
            last = now;
        }

        Map<String, Double> laps() {
            return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(laps));
        }
    }
}
