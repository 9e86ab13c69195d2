package dev.visage.inference;

import dev.visage.inference.application.AnalysisResult;
import dev.visage.inference.application.AnalyzeOptions;
import dev.visage.inference.application.Embedding;
import dev.visage.inference.application.FaceAnalyzer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a deepface-style pairs file (file_x,file_y,Decision): the subject's face of each photo,
 * embedded with one recogniser, cosine similarity per pair. The accuracy test gates on it; the
 * calibration tools of visage-bench build their ROC and thresholds on it.
 */
public final class PairScorer {

    /** One labelled pair with its similarity (-1 when a photo had no face). */
    public record Pair(String a, String b, boolean same, double score) {
    }

    /** Accuracy of the rule "same iff score ≥ threshold". */
    public static double accuracy(List<Pair> pairs, double threshold) {
        long right = pairs.stream().filter(p -> (p.score() >= threshold) == p.same()).count();
        return (double) right / pairs.size();
    }

    private final Map<String, Embedding> cache = new HashMap<>();
    private final FaceAnalyzer analyzer;
    private final Path images;

    public PairScorer(FaceAnalyzer analyzer, Path images) {
        this.analyzer = analyzer;
        this.images = images;
    }

    /**
     * The embedding of the photo's subject: the largest face that passes the quality gate (as an
     * indexing pipeline would take it), else the largest face; null when there is none.
     */
    public Embedding embedding(String file) throws Exception {
        if (!cache.containsKey(file)) {
            AnalysisResult r = analyzer.analyze(Files.readAllBytes(images.resolve(file)), AnalyzeOptions.defaults());
            cache.put(file, r.faces().stream().filter(f -> f.quality().accepted()).findFirst()
                    .or(() -> r.faces().stream().findFirst()).map(f -> f.embedding()).orElse(null));
        }
        return cache.get(file);
    }

    public List<Pair> score(Path pairsCsv) throws Exception {
        List<Pair> pairs = new ArrayList<>();
        List<String> lines = Files.readAllLines(pairsCsv);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            Embedding a = embedding(f[0].trim());
            Embedding b = embedding(f[1].trim());
            double s = a == null || b == null ? -1 : a.cosine(b);
            pairs.add(new Pair(f[0].trim(), f[1].trim(), f[2].trim().equalsIgnoreCase("Yes"), s));
        }
        return pairs;
    }
}
