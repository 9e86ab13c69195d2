package dev.visage.gallery.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Density-based clustering of faces on their k-nearest-neighbour graph (DBSCAN's rules on the
 * neighbour lists pgvector returns, so nothing is ever compared all-against-all).
 *
 * <p>A face's <em>neighbours</em> are at most k other faces with cosine similarity at or above
 * {@code minSimilarity}. A face is a <em>core</em> face when it and its neighbours number at least
 * {@code minFaces}. Core faces that are neighbours (in either list) belong to the same person; a
 * face that is not core but has a core neighbour joins the cluster of its most similar core
 * neighbour (it never links two clusters, which is what stops one face bridging two siblings);
 * every other face is unclustered. A cluster smaller than {@code minFaces} is dissolved.
 */
public final class DensityClustering {

    private DensityClustering() {
    }

    /**
     * @param minSimilarity cosine similarity at or above which two faces are neighbours
     * @param minFaces      faces (the face itself included) that make a dense spot: the smallest cluster
     */
    public record Params(double minSimilarity, int minFaces) {
        public Params {
            if (!(minSimilarity > -1 && minSimilarity < 1)) {
                throw new IllegalArgumentException("minSimilarity must be in (-1, 1)");
            }
            if (minFaces < 2) {
                throw new IllegalArgumentException("minFaces must be at least 2");
            }
        }
    }

    /** Another face of the same scope (by index) and its cosine similarity. */
    public record Neighbour(int index, double similarity) {
    }

    /**
     * @param labels cluster number per face (0, 1, ... in order of each cluster's first face), -1 unclustered
     * @param clusters how many clusters
     */
    public record Result(int[] labels, int clusters) {
        public List<List<Integer>> members() {
            List<List<Integer>> out = new ArrayList<>();
            for (int c = 0; c < clusters; c++) {
                out.add(new ArrayList<>());
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] >= 0) {
                    out.get(labels[i]).add(i);
                }
            }
            return out;
        }
    }

    /**
     * @param neighbours per face, its neighbours; entries below {@code minSimilarity} or naming the face
     *                   itself are ignored, so a raw kNN list can be passed as is
     */
    public static Result cluster(List<List<Neighbour>> neighbours, Params params) {
        int n = neighbours.size();
        List<List<Neighbour>> kept = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Neighbour> list = new ArrayList<>();
            for (Neighbour nb : neighbours.get(i)) {
                if (nb.index() != i && nb.index() >= 0 && nb.index() < n && nb.similarity() >= params.minSimilarity()) {
                    list.add(nb);
                }
            }
            kept.add(list);
        }
        boolean[] core = new boolean[n];
        for (int i = 0; i < n; i++) {
            core[i] = kept.get(i).size() + 1 >= params.minFaces();
        }
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            if (!core[i]) {
                continue;
            }
            for (Neighbour nb : kept.get(i)) {
                if (core[nb.index()]) {
                    union(parent, i, nb.index());
                }
            }
        }
        // border faces: the most similar core neighbour, looked up in both directions
        double[] bestSim = new double[n];
        int[] bestCore = new int[n];
        Arrays.fill(bestSim, Double.NEGATIVE_INFINITY);
        Arrays.fill(bestCore, -1);
        for (int i = 0; i < n; i++) {
            for (Neighbour nb : kept.get(i)) {
                int j = nb.index();
                if (!core[i] && core[j] && nb.similarity() > bestSim[i]) {
                    bestSim[i] = nb.similarity();
                    bestCore[i] = j;
                }
                if (core[i] && !core[j] && nb.similarity() > bestSim[j]) {
                    bestSim[j] = nb.similarity();
                    bestCore[j] = i;
                }
            }
        }
        int[] root = new int[n];
        for (int i = 0; i < n; i++) {
            root[i] = core[i] ? find(parent, i) : bestCore[i] >= 0 ? find(parent, bestCore[i]) : -1;
        }
        Map<Integer, Integer> size = new HashMap<>();
        for (int r : root) {
            if (r >= 0) {
                size.merge(r, 1, Integer::sum);
            }
        }
        Map<Integer, Integer> number = new HashMap<>();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int r = root[i];
            if (r < 0 || size.get(r) < params.minFaces()) {
                labels[i] = -1;
            } else {
                labels[i] = number.computeIfAbsent(r, k -> number.size());
            }
        }
        return new Result(labels, number.size());
    }

    /**
     * Where one new face goes, given its neighbours that are already placed: the cluster of the most
     * similar clustered neighbour; else a new cluster when it and its unclustered neighbours reach
     * {@code minFaces}; else nowhere (yet). When the new face is itself core (dense enough), its unclustered
     * neighbours come along into its cluster, as DBSCAN would have put them there.
     *
     * @param neighbours the new face's neighbours (others of the scope), any order
     * @param clusterOf  cluster id of each neighbour's face, or null when unclustered
     */
    public static <C> Placement<C> place(List<Neighbour> neighbours, java.util.function.IntFunction<C> clusterOf,
                                        Params params) {
        List<Neighbour> near = neighbours.stream().filter(nb -> nb.similarity() >= params.minSimilarity())
                .sorted(Comparator.comparingDouble(Neighbour::similarity).reversed()).toList();
        boolean core = near.size() + 1 >= params.minFaces();
        List<Integer> unclustered = near.stream().map(Neighbour::index).filter(i -> clusterOf.apply(i) == null)
                .toList();
        for (Neighbour nb : near) {
            C c = clusterOf.apply(nb.index());
            if (c != null) {
                return new Placement.Join<>(c, core ? unclustered : List.of());
            }
        }
        if (core) {
            return new Placement.NewCluster<>(unclustered);
        }
        return new Placement.Unclustered<>();
    }

    /** The outcome of {@link #place}; {@code with}: unclustered neighbours that go along. */
    public sealed interface Placement<C> {
        /** Join an existing cluster. */
        record Join<C>(C cluster, List<Integer> with) implements Placement<C> {
        }

        /** Start a cluster. */
        record NewCluster<C>(List<Integer> with) implements Placement<C> {
        }

        /** Not dense enough yet. */
        record Unclustered<C>() implements Placement<C> {
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
