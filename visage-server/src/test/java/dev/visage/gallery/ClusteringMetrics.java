package dev.visage.gallery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How well clusters match the truth. Purity: each cluster counts its most frequent true label;
 * purity = those counts summed / labelled faces in clusters (unlabelled faces and unclustered faces
 * are left out, so the cluster count must be checked too, or singletons would score 1).
 */
public final class ClusteringMetrics {

    private ClusteringMetrics() {
    }

    /**
     * @param clusters  clusters as lists of face ids
     * @param truth     true label per face id; faces without a label are ignored for purity
     */
    public record Report(double purity, int clusters, int identities, int labelledFaces, int labelledClustered,
                         int splitIdentities) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "purity %.4f, clusters %d vs %d true identities, labelled faces clustered %d/%d, identities split %d",
                    purity, clusters, identities, labelledClustered, labelledFaces, splitIdentities);
        }
    }

    public static <F> Report evaluate(Collection<? extends Collection<F>> clusters, Map<F, String> truth) {
        int majoritySum = 0;
        int labelledInClusters = 0;
        Map<String, Set<Integer>> clustersOfLabel = new HashMap<>();
        int c = 0;
        for (Collection<F> cluster : clusters) {
            Map<String, Integer> counts = new HashMap<>();
            for (F face : cluster) {
                String label = truth.get(face);
                if (label != null) {
                    counts.merge(label, 1, Integer::sum);
                    clustersOfLabel.computeIfAbsent(label, k -> new HashSet<>()).add(c);
                }
            }
            majoritySum += counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            labelledInClusters += counts.values().stream().mapToInt(Integer::intValue).sum();
            c++;
        }
        int identities = (int) truth.values().stream().filter(Objects::nonNull).distinct().count();
        int split = (int) clustersOfLabel.values().stream().filter(s -> s.size() > 1).count();
        double purity = labelledInClusters == 0 ? 0 : (double) majoritySum / labelledInClusters;
        return new Report(purity, clusters.size(), identities, truth.size(), labelledInClusters, split);
    }

    /**
     * Identities of the deepface photos: connected components of the Yes-pairs of the given pair lists
     * (file_x,file_y,Decision), keyed by photo file name, each named after its first photo (by name).
     */
    public static Map<String, String> identities(Path dataset, List<String> pairLists) throws IOException {
        Map<String, String> parent = new HashMap<>();
        for (String list : pairLists) {
            List<String> lines = Files.readAllLines(dataset.resolve(list));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                if (f.length == 3 && f[2].trim().equalsIgnoreCase("yes")) {
                    union(parent, f[0].trim(), f[1].trim());
                }
            }
        }
        Map<String, String> name = new HashMap<>();
        for (String photo : parent.keySet()) {
            name.merge(find(parent, photo), photo, (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        Map<String, String> out = new HashMap<>();
        for (String photo : parent.keySet()) {
            out.put(photo, name.get(find(parent, photo)));
        }
        return out;
    }

    /**
     * True labels of faces: a photo in a Yes-pair shows its identity; when it holds several stored faces,
     * the subject is the face most similar (mean cosine) to the faces of the identity's single-face photos,
     * and the others (bystanders) stay unlabelled.
     */
    public static <F> Map<String, String> subjects(List<F> faces, java.util.function.Function<F, String> photo,
                                                   java.util.function.Function<F, String> id,
                                                   java.util.function.Function<F, float[]> vector,
                                                   Map<String, String> photoIdentity) {
        Map<String, List<F>> byPhoto = new java.util.TreeMap<>();
        for (F f : faces) {
            byPhoto.computeIfAbsent(photo.apply(f), k -> new java.util.ArrayList<>()).add(f);
        }
        Map<String, List<float[]>> reference = new HashMap<>();
        byPhoto.forEach((p, list) -> {
            if (list.size() == 1 && photoIdentity.containsKey(p)) {
                reference.computeIfAbsent(photoIdentity.get(p), k -> new java.util.ArrayList<>())
                        .add(vector.apply(list.get(0)));
            }
        });
        Map<String, String> truth = new HashMap<>();
        byPhoto.forEach((p, list) -> {
            String identity = photoIdentity.get(p);
            if (identity == null) {
                return;
            }
            F best = list.get(0);
            double bestScore = Double.NEGATIVE_INFINITY;
            for (F f : list) {
                double sum = 0;
                List<float[]> refs = reference.getOrDefault(identity, List.of());
                for (float[] r : refs) {
                    sum += dot(vector.apply(f), r);
                }
                double score = refs.isEmpty() ? 0 : sum / refs.size();
                if (score > bestScore) {
                    bestScore = score;
                    best = f;
                }
            }
            truth.put(id.apply(best), identity);
        });
        return truth;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static String find(Map<String, String> parent, String x) {
        parent.putIfAbsent(x, x);
        while (!parent.get(x).equals(x)) {
            x = parent.get(x);
        }
        return x;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(ra, rb);
        }
    }
}
