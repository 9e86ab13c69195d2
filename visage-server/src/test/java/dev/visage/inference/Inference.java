package dev.visage.inference;

import dev.visage.inference.application.internal.DefaultFaceAnalyzer;
import dev.visage.inference.application.internal.ImageIoDecoder;
import dev.visage.inference.infrastructure.OnnxAttributeEstimator;
import dev.visage.inference.infrastructure.OnnxFaceDetector;
import dev.visage.inference.infrastructure.OnnxFaceEmbedder;
import dev.visage.inference.infrastructure.OnnxFaceEmbedders;
import dev.visage.inference.infrastructure.OnnxModels;
import dev.visage.inference.infrastructure.OnnxSpoofDetector;
import dev.visage.inference.infrastructure.SpareCores;
import dev.visage.inference.infrastructure.TurboJpegDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The real inference pipeline wired by hand (no CDI) with the SHIPPED defaults of
 * microprofile-config.properties, shared by the tests and tools of this package.
 */
public final class Inference {

    public static final Path PHOTOS = Path.of(System.getProperty("visage.photos",
            "testdata/deepface-pairs/images"));
    public static final Path DATASET = PHOTOS.getParent();

    private static volatile OnnxModels models;

    private Inference() {
    }

    public static Properties config() {
        Properties p = new Properties();
        try (InputStream in = Inference.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    public static double number(String key) {
        return Double.parseDouble(resolve(config().getProperty(key).trim()));
    }

    /** Expands ${key} expressions (nested ones too) the way MicroProfile Config does. */
    static String resolve(String value) {
        Properties config = config();
        String v = value;
        for (int i = v.lastIndexOf("${"); i >= 0; i = v.lastIndexOf("${")) {
            int end = v.indexOf('}', i);
            String key = v.substring(i + 2, end);
            v = v.substring(0, i) + config.getProperty(key).trim() + v.substring(end + 1);
        }
        return v;
    }

    public static synchronized OnnxModels models() {
        if (models == null) {
            OnnxModels m = new OnnxModels(Optional.of("models"), (int) number("visage.inference.threads"), false);
            m.start();
            if (!m.ready()) {
                throw new IllegalStateException("models did not load: " + m.failure().orElse("?"));
            }
            models = m;
        }
        return models;
    }

    /** The shipped decoder: libjpeg-turbo for JPEG when installed, ImageIO for the rest. */
    public static TurboJpegDecoder decoder() {
        long maxPixels = (long) number("visage.image.max-pixels");
        return new TurboJpegDecoder(maxPixels, new ImageIoDecoder(maxPixels));
    }

    /** The shipped detector, every pass on the caller's thread. */
    public static OnnxFaceDetector detector() {
        return detector(new SpareCores(null, 1));
    }

    public static OnnxFaceDetector detector(SpareCores spareCores) {
        return new OnnxFaceDetector(models(), spareCores, number("visage.detector.nms-iou"),
                Boolean.parseBoolean(config().getProperty("visage.detector.weighted-nms").trim()),
                number("visage.detector.min-face-px"), number("visage.detector.verify-below"),
                number("visage.detector.verifier-min-score"));
    }

    public static OnnxFaceEmbedder embedder(String model) {
        return new OnnxFaceEmbedder(models(), model);
    }

    /** All recognisers, {@code configured} first, with the shipped thresholds. */
    public static OnnxFaceEmbedders embedders(String configured) {
        return new OnnxFaceEmbedders(models(), configured, number("visage.recognition.threshold." + configured),
                key -> Optional.ofNullable(config().getProperty(key)).map(v -> Double.parseDouble(v.trim())));
    }

    public static DefaultFaceAnalyzer analyzer(String embedderModel) {
        return analyzer(embedderModel, (int) number("visage.analyze.max-dimension"));
    }

    public static DefaultFaceAnalyzer analyzer(String embedderModel, int maxDimension) {
        return new DefaultFaceAnalyzer(decoder(), detector(), embedders(embedderModel),
                new OnnxAttributeEstimator(models()), new OnnxSpoofDetector(models()),
                number("visage.detector.min-score"), number("visage.recognition.threshold." + embedderModel),
                number("visage.quality.min-face-px"), number("visage.quality.min-sharpness"),
                number("visage.quality.max-yaw"), number("visage.quality.max-roll"), number("visage.quality.min-score"),
                maxDimension);
    }

    public static DefaultFaceAnalyzer analyzer() {
        return analyzer(config().getProperty("visage.embedder.model").trim());
    }

    public static byte[] photo(String name) {
        try {
            return Files.readAllBytes(PHOTOS.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
