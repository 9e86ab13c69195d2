package dev.visage.inference.bench;

import dev.visage.inference.Inference;
import dev.visage.inference.application.AnalysisResult;
import dev.visage.inference.application.AnalyzeOptions;
import dev.visage.inference.application.DecodedImage;
import dev.visage.inference.application.internal.ImageIoDecoder;
import dev.visage.inference.domain.Aligner;
import dev.visage.inference.domain.Detection;
import dev.visage.inference.domain.FaceEmbedder;
import dev.visage.inference.domain.QualityAssessor;
import dev.visage.inference.domain.QualityThresholds;
import dev.visage.inference.domain.RgbImage;
import dev.visage.inference.infrastructure.OnnxFaceDetector;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ServiceRegistry;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-stage latency of the inference pipeline on real deepface photos (single thread calling;
 * ONNX Runtime uses its own intra-op threads, visage.inference.threads=0 → one per core).
 * img2.jpg: 1536×1152 (1.8 MP) JPEG with one face; the detector runs 1 whole + 12 tiles on it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class InferenceBenchmark {

    byte[] jpeg;
    byte[] smallJpeg;
    dev.visage.inference.application.ImageDecoder decoder;
    ImageReaderSpi jdkJpeg;
    ImageReaderSpi twelveMonkeysJpeg;
    RgbImage photo;
    RgbImage small;
    Detection face;
    OnnxFaceDetector detector;
    FaceEmbedder faceres;
    FaceEmbedder mobileface;
    /** The recogniser candidates of issue 16 (ArcFace 112 crops): faceplugin 512-d, mfn192 192-d. */
    FaceEmbedder faceplugin;
    FaceEmbedder mfn192;
    /** The shipped default recogniser (face-api.js / dlib ResNet, 150×150 dlib chip). */
    FaceEmbedder faceapi;
    float[] crops150x8;
    float[] crops224x8;
    float[] crops112x8;
    float[] crop112;
    QualityAssessor quality;
    double minScore;
    BufferedImage decodedPhoto;
    dev.visage.inference.application.FaceAnalyzer analyzer;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        jpeg = Inference.photo("img2.jpg");
        smallJpeg = Inference.photo("selfie-many-people.jpg");
        decoder = Inference.decoder();
        // both JPEG readers, outside ImageIO's global registry: the JDK's, and TwelveMonkeys' (which
        // finds the JDK reader as its delegate when registered in a private registry)
        ServiceRegistry registry = new ServiceRegistry(List.<Class<?>>of(ImageReaderSpi.class).iterator());
        var all = IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, false);
        while (all.hasNext()) {
            ImageReaderSpi spi = all.next();
            if (spi.getClass().getName().equals("com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi")) {
                jdkJpeg = spi;
                registry.registerServiceProvider(spi, ImageReaderSpi.class);
            }
        }
        twelveMonkeysJpeg = new com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi();
        registry.registerServiceProvider(twelveMonkeysJpeg, ImageReaderSpi.class);
        if (readWith(twelveMonkeysJpeg, jpeg).getWidth() != 1536 || readWith(jdkJpeg, jpeg).getWidth() != 1536) {
            throw new IllegalStateException("JPEG readers disagree");
        }
        DecodedImage decoded = decoder.decode(jpeg);
        decodedPhoto = decoded.image();
        photo = RgbImage.of(decodedPhoto);
        analyzer = Inference.analyzer();
        small = RgbImage.of(decoder.decode(smallJpeg).image());
        detector = Inference.detector();
        minScore = Inference.number("visage.detector.min-score");
        face = detector.detect(photo, minScore).get(0);
        faceres = Inference.embedder("faceres");
        mobileface = Inference.embedder("mobileface");
        faceapi = Inference.embedder("faceapi");
        faceplugin = Inference.embedder("faceplugin");
        mfn192 = Inference.embedder("mfn192");
        crops150x8 = new float[8 * 150 * 150 * 3];
        for (int i = 0; i < 8; i++) {
            Aligner.align(photo, face, faceapi.template(), faceapi.inputSize(), crops150x8, i * 150 * 150 * 3);
        }
        crops224x8 = new float[8 * 224 * 224 * 3];
        crops112x8 = new float[8 * 112 * 112 * 3];
        for (int i = 0; i < 8; i++) {
            Aligner.align(photo, face, 224, crops224x8, i * 224 * 224 * 3);
            Aligner.align(photo, face, 112, crops112x8, i * 112 * 112 * 3);
        }
        crop112 = new float[112 * 112 * 3];
        Aligner.align(photo, face, 112, crop112, 0);
        quality = new QualityAssessor(new QualityThresholds(40, 100, 45, 45, 0.7));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Inference.models().shutdown();
    }

    static BufferedImage readWith(ImageReaderSpi spi, byte[] bytes) throws Exception {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = spi.createReaderInstance();
            try {
                reader.setInput(in, true, true);
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    @Benchmark
    public BufferedImage decodeJpegJdkImageIo() throws Exception {
        return readWith(jdkJpeg, jpeg);
    }

    @Benchmark
    public BufferedImage decodeJpegTwelveMonkeys() throws Exception {
        return readWith(twelveMonkeysJpeg, jpeg);
    }

    /** What Visage runs: format sniffing, size check, JDK reader, EXIF orientation lookup. */
    @Benchmark
    public DecodedImage decodeVisageDecoder() throws Exception {
        return decoder.decode(jpeg);
    }

    /** BufferedImage (3-byte BGR) → interleaved RGB bytes, once per photo. */
    @Benchmark
    public RgbImage convertToRgb() {
        return RgbImage.of(decodedPhoto);
    }

    @Benchmark
    public List<Detection> detect2MpWithTiles() {
        return detector.detect(photo, minScore);
    }

    @Benchmark
    public List<Detection> detectSmallPhoto() {
        return detector.detect(small, minScore);
    }

    @Benchmark
    public float[] align224() {
        float[] out = new float[224 * 224 * 3];
        Aligner.align(photo, face, 224, out, 0);
        return out;
    }

    @Benchmark
    public FaceEmbedder.EmbeddingBatch embedFaceresBatch1() {
        return faceres.embed(crops224x8, 1);
    }

    @Benchmark
    public FaceEmbedder.EmbeddingBatch embedFaceresBatch8() {
        return faceres.embed(crops224x8, 8);
    }

    @Benchmark
    public FaceEmbedder.EmbeddingBatch embedFaceapiBatch1() {
        return faceapi.embed(crops150x8, 1);
    }

    @Benchmark
    public FaceEmbedder.EmbeddingBatch embedFaceapiBatch8() {
        return faceapi.embed(crops150x8, 8);
    }

    @Benchmark
    public FaceEmbedder.EmbeddingBatch embedMobilefaceBatch1() {
        return mobileface.embed(crops112x8, 1);
    }

    @Benchmark
    public FaceEmbedder.EmbeddingBatch embedMobilefaceBatch8() {
        return mobileface.embed(crops112x8, 8);
    }

    @Benchmark
    public FaceEmbedder.EmbeddingBatch embedFacepluginBatch1() {
        return faceplugin.embed(crops112x8, 1);
    }

    @Benchmark
    public FaceEmbedder.EmbeddingBatch embedFacepluginBatch8() {
        return faceplugin.embed(crops112x8, 8);
    }

    @Benchmark
    public FaceEmbedder.EmbeddingBatch embedMfn192Batch1() {
        return mfn192.embed(crops112x8, 1);
    }

    @Benchmark
    public FaceEmbedder.EmbeddingBatch embedMfn192Batch8() {
        return mfn192.embed(crops112x8, 8);
    }

    @Benchmark
    public QualityAssessor.Verdict quality() {
        return quality.assess(face, crop112, 0, 112);
    }

    /** The whole service on the 1.8 MP photo: decode → detect → align → embed → age/gender → anti-spoof → quality. */
    @Benchmark
    public AnalysisResult analyzeEndToEnd() throws Exception {
        return analyzer.analyze(jpeg, AnalyzeOptions.defaults());
    }
}
