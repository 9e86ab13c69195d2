package dev.visage.inference.tools;

import dev.visage.inference.Inference;
import dev.visage.inference.application.AnalysisResult;
import dev.visage.inference.application.AnalyzeOptions;
import dev.visage.inference.application.DecodedImage;
import dev.visage.inference.application.internal.DefaultFaceAnalyzer;
import dev.visage.inference.application.ImageDecoder;
import dev.visage.inference.domain.Downscaler;
import dev.visage.inference.domain.RgbImage;
import dev.visage.inference.infrastructure.OnnxFaceDetector;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A tool, not a test: the inference stages over every photo of the data set, one photo at a
 * time, as CPU milliseconds per photo of this whole process (so ONNX Runtime's own threads
 * count when visage.inference.threads is not 1). Wall laps per stage are the analyzer's own;
 * other processes on the machine inflate the laps far more than the CPU figures.
 * {@code pipeline}: the ingest pipeline's options (no attributes, faces down to the quality gate's size).
 * {@code full}: decode at the photo's own size instead of the analysis size ({@code FaceAnalyzer.decode}).
 * <pre>java -cp ... dev.visage.inference.tools.StageProfile [passes=2] [pipeline|analyze] [scaled|full]</pre>
 */
public final class StageProfile {

    private StageProfile() {
    }

    public static void main(String[] args) throws Exception {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        com.sun.management.OperatingSystemMXBean cpu =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ImageDecoder decoder = Inference.decoder();
        DefaultFaceAnalyzer analyzer = Inference.analyzer();
        OnnxFaceDetector detector = Inference.detector();
        int maxDimension = (int) Inference.number("visage.analyze.max-dimension");
        double minScore = Inference.number("visage.detector.min-score");
        List<Path> photos;
        try (Stream<Path> files = Files.list(Inference.PHOTOS)) {
            photos = files.filter(Files::isRegularFile).sorted().toList();
        }
        boolean pipeline = args.length > 1 && args[1].equals("pipeline");
        // "full": decode every photo at its own size (before the pipeline decoded at the analysis size)
        boolean full = args.length > 2 && args[2].equals("full");
        double minFace = pipeline ? Inference.number("visage.quality.min-face-px")
                : Inference.number("visage.detector.min-face-px");
        AnalyzeOptions options = AnalyzeOptions.defaults().withMaxFaces(50).withAttributes(!pipeline)
                .withMinFacePx(minFace);
        for (int pass = 0; pass < passes; pass++) {
            Map<String, Double> laps = new TreeMap<>();
            double decodeCpu = 0;
            double analyzeCpu = 0;
            double convertCpu = 0;
            double detectCpu = 0;
            int faces = 0;
            for (Path p : photos) {
                byte[] bytes = Files.readAllBytes(p);
                long c0 = cpu.getProcessCpuTime();
                DecodedImage image = full ? decoder.decode(bytes) : analyzer.decode(bytes);
                long c1 = cpu.getProcessCpuTime();
                AnalysisResult r = analyzer.analyze(image, options);
                long c2 = cpu.getProcessCpuTime();
                double factor = Downscaler.factor(image.width(), image.height(), maxDimension);
                RgbImage rgb = RgbImage.of(factor < 1 ? Downscaler.shrink(image.image(), factor) : image.image());
                long c3 = cpu.getProcessCpuTime();
                detector.detect(rgb, minScore, minFace);
                long c4 = cpu.getProcessCpuTime();
                decodeCpu += (c1 - c0) / 1e6;
                analyzeCpu += (c2 - c1) / 1e6;
                convertCpu += (c3 - c2) / 1e6;
                detectCpu += (c4 - c3) / 1e6;
                faces += r.faces().size();
                r.timingsMs().forEach((k, v) -> laps.merge(k, v, Double::sum));
            }
            int n = photos.size();
            System.out.printf("pass %d: %d photos, %d faces; CPU ms/photo: decode %.1f, analyze %.1f = convert %.1f"
                            + " + detect %.1f + rest %.1f%n", pass + 1, n, faces, decodeCpu / n, analyzeCpu / n,
                    convertCpu / n, detectCpu / n, (analyzeCpu - convertCpu - detectCpu) / n);
            StringBuilder sb = new StringBuilder("  analyzer laps (wall ms/photo):");
            laps.forEach((k, v) -> sb.append(String.format(" %s %.1f", k, v / n)));
            System.out.println(sb);
        }
        Inference.models().shutdown();
    }
}
