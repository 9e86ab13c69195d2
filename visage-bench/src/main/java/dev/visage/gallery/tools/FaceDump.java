package dev.visage.gallery.tools;

import dev.visage.inference.Inference;
import dev.visage.inference.application.AnalysisResult;
import dev.visage.inference.application.AnalyzeOptions;
import dev.visage.inference.application.AnalyzedFace;
import dev.visage.inference.application.FaceAnalyzer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Embeds every face of every photo in a folder as the ingest pipeline stores them (faces that pass the
 * quality gate, the configured recogniser) and writes one TSV line per face:
 * {@code photo, face_index, x, y, w, h, v0,v1,...}. Input of {@link ClusterCalibrate}; the file is a cache
 * (delete it to recompute).
 */
public final class FaceDump {

    private FaceDump() {
    }

    public static Path dump(Path photos, Path out, String model) throws Exception {
        if (Files.exists(out)) {
            return out;
        }
        FaceAnalyzer analyzer = Inference.analyzer(model);
        List<String> lines = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(photos)) {
            files = s.filter(p -> p.toString().matches(".*\\.(jpg|jpeg|png|webp)$")).sorted().toList();
        }
        for (Path p : files) {
            AnalysisResult r = analyzer.analyze(Files.readAllBytes(p), AnalyzeOptions.defaults().withMaxFaces(50));
            for (int i = 0; i < r.faces().size(); i++) {
                AnalyzedFace f = r.faces().get(i);
                if (!f.quality().accepted()) {
                    continue;
                }
                StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%s\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t",
                        p.getFileName(), i, f.box().x(), f.box().y(), f.box().width(), f.box().height()));
                float[] v = f.embedding().vector();
                for (int k = 0; k < v.length; k++) {
                    b.append(k == 0 ? "" : ",").append(v[k]);
                }
                lines.add(b.toString());
            }
            System.err.println(p.getFileName() + ": " + r.faces().size() + " faces");
        }
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
        return out;
    }

    public static void main(String[] args) throws Exception {
        dump(Path.of(args.length > 0 ? args[0] : "testdata/deepface-pairs/images"),
                Path.of(args.length > 1 ? args[1] : "target/deepface-faces-faceapi.tsv"),
                args.length > 2 ? args[2] : "faceapi");
    }
}
