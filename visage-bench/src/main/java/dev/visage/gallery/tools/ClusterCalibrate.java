package dev.visage.gallery.tools;

import dev.visage.gallery.ClusteringMetrics;
import dev.visage.gallery.domain.DensityClustering;
import dev.visage.inference.tools.DegradedEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Calibrates the clustering defaults on the deepface photos: every stored face (as the ingest
 * pipeline keeps them, see {@link FaceDump}), exact k-nearest neighbours, {@link DensityClustering}
 * over a grid of (min similarity, min faces), purity and cluster count against the identities of the
 * Yes-pairs. Labelled faces: the largest accepted face (face_index 0) of each photo in a Yes-pair.
 *
 * <p>Usage: {@code ClusterCalibrate [images-dir] [model=faceapi] [k=32] [from=0.88] [to=0.96] [step=0.005] [show]};
 * {@code show}: also list the clusters at that similarity. scripts/calibrate-clusters.sh.
 */
public final class ClusterCalibrate {

    record Face(String photo, int index, float[] v) {
        String id() {
            return photo + "#" + index;
        }
    }

    public static void main(String[] args) throws Exception {
        Path images = Path.of(args.length > 0 ? args[0] : "testdata/deepface-pairs/images");
        String model = args.length > 1 ? args[1] : "faceapi";
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        double from = args.length > 3 ? Double.parseDouble(args[3]) : 0.88;
        double to = args.length > 4 ? Double.parseDouble(args[4]) : 0.96;
        double step = args.length > 5 ? Double.parseDouble(args[5]) : 0.005;
        Path dump = FaceDump.dump(images, Path.of("target/deepface-faces-" + model + ".tsv"), model);
        List<Face> faces = new ArrayList<>();
        for (String line : Files.readAllLines(dump)) {
            String[] f = line.split("\t");
            String[] parts = f[6].split(",");
            float[] v = new float[parts.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = Float.parseFloat(parts[i]);
            }
            faces.add(new Face(f[0], Integer.parseInt(f[1]), v));
        }
        Map<String, String> photoIdentity = ClusteringMetrics.identities(images.getParent(),
                List.of("pairs.csv", "pairs-balanced.csv"));
        Map<String, String> truth = ClusteringMetrics.subjects(faces, Face::photo, Face::id, Face::v, photoIdentity);
        List<List<DensityClustering.Neighbour>> knn = knn(faces, k);
        System.out.printf("%d faces, %d labelled, %d identities; model %s, k %d%n", faces.size(), truth.size(),
                truth.values().stream().distinct().count(), model, k);
        for (int minFaces : new int[] {2, 3}) {
            for (double t = from; t <= to + 1e-9; t += step) {
                DensityClustering.Result r = DensityClustering.cluster(knn,
                        new DensityClustering.Params(t, minFaces));
                List<List<String>> clusters = r.members().stream()
                        .map(m -> m.stream().map(i -> faces.get(i).id()).toList()).toList();
                ClusteringMetrics.Report rep = ClusteringMetrics.evaluate(clusters, truth);
                long unclustered = java.util.Arrays.stream(r.labels()).filter(l -> l < 0).count();
                System.out.printf(Locale.ROOT, "minFaces %d similarity %.3f: %s, unclustered %d%n", minFaces, t, rep,
                        unclustered);
            }
        }
        if (args.length > 6) {
            double t = Double.parseDouble(args[6]);
            DensityClustering.Result r = DensityClustering.cluster(knn, new DensityClustering.Params(t, 2));
            for (List<Integer> m : r.members()) {
                System.out.println(m.stream().map(i -> faces.get(i).id() + "=" + truth.get(faces.get(i).id())).toList());
            }
        }
    }

    /** Exact k nearest neighbours by cosine (the vectors are unit length), most similar first. */
    static List<List<DensityClustering.Neighbour>> knn(List<Face> faces, int k) {
        List<List<DensityClustering.Neighbour>> out = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            List<DensityClustering.Neighbour> all = new ArrayList<>();
            for (int j = 0; j < faces.size(); j++) {
                if (i != j) {
                    all.add(new DensityClustering.Neighbour(j, dot(faces.get(i).v(), faces.get(j).v())));
                }
            }
            all.sort(Comparator.comparingDouble(DensityClustering.Neighbour::similarity).reversed());
            out.add(all.subList(0, Math.min(k, all.size())));
        }
        return out;
    }

    static double dot(float[] a, float[] b) {
        return DegradedEvaluation.dot(a, b);
    }
}
