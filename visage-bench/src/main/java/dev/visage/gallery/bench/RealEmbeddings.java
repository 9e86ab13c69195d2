package dev.visage.gallery.bench;

import dev.visage.inference.Inference;
import dev.visage.inference.tools.DegradedEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Real embeddings of the repository's photos with their identity, the material the search benchmark's
 * synthetic faces are fitted to ({@link FaceLikeVectors}): every single-person deepface photo, clean and
 * degraded V times ({@code DegradedEvaluation}'s captures: small faces, JPEG 20-30, blur, roll, grey,
 * light, occlusion), embedded by one recogniser. One TSV line per capture: identity, photo, variant (-1 =
 * clean), vector. The file is a cache: delete it to recompute.
 */
public final class RealEmbeddings {

    /** One embedded capture. */
    public record Row(String identity, String photo, int variant, float[] vector) {
    }

    private RealEmbeddings() {
    }

    /** The cached rows of {@code model} with {@code variants} degradations per photo, computed when missing. */
    public static List<Row> load(String model, int variants, Path cache) throws Exception {
        if (!Files.exists(cache)) {
            Files.createDirectories(cache.toAbsolutePath().getParent());
            Files.write(cache, compute(model, variants));
        }
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(cache)) {
            String[] f = line.split("\t");
            String[] v = f[3].split(",");
            float[] vector = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                vector[i] = Float.parseFloat(v[i]);
            }
            rows.add(new Row(f[0], f[1], Integer.parseInt(f[2]), vector));
        }
        return rows;
    }

    static List<String> compute(String model, int variants) throws Exception {
        Map<String, String> ids = DegradedEvaluation.identities(Inference.DATASET);
        List<String> photos = ids.keySet().stream().sorted().toList();
        List<DegradedEvaluation.Capture> captures = new ArrayList<>(DegradedEvaluation.clean(Inference.PHOTOS, photos));
        captures.addAll(DegradedEvaluation.captures(Inference.PHOTOS, photos, variants, null));
        float[][] vectors = DegradedEvaluation.embed(Inference.embedder(model), captures);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < captures.size(); i++) {
            if (vectors[i] == null) {
                continue;
            }
            StringBuilder b = new StringBuilder();
            DegradedEvaluation.Capture c = captures.get(i);
            b.append(ids.get(c.photo())).append('\t').append(c.photo()).append('\t').append(c.variant()).append('\t');
            for (int d = 0; d < vectors[i].length; d++) {
                b.append(d > 0 ? "," : "").append(String.format(Locale.ROOT, "%.6f", vectors[i][d]));
            }
            lines.add(b.toString());
        }
        return lines;
    }

    /** Usage: {@code RealEmbeddings model variants out.tsv}. */
    public static void main(String[] args) throws Exception {
        List<Row> rows = load(args[0], Integer.parseInt(args[1]), Path.of(args[2]));
        System.out.println(rows.size() + " embeddings in " + args[2]);
        Inference.models().shutdown();
    }
}
