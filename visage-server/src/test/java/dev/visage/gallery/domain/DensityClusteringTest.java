package dev.visage.gallery.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.gallery.ClusteringMetrics;
import dev.visage.gallery.domain.DensityClustering.Neighbour;
import dev.visage.gallery.domain.DensityClustering.Params;
import dev.visage.gallery.domain.DensityClustering.Placement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The clustering rules on synthetic unit vectors and on hand-made neighbour graphs. */
class DensityClusteringTest {

    static float[] unit(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(s);
        }
        return v;
    }

    static float[] random(Random r, int dims) {
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return unit(v);
    }

    /** A point near {@code centre}: cosine about 1 / sqrt(1 + spread^2). */
    static float[] near(Random r, float[] centre, double spread) {
        float[] noise = random(r, centre.length);
        float[] v = new float[centre.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = centre[i] + (float) spread * noise[i];
        }
        return unit(v);
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** Exact k nearest neighbours, most similar first (what pgvector's HNSW approximates). */
    static List<List<Neighbour>> knn(List<float[]> vectors, int k) {
        List<List<Neighbour>> out = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            List<Neighbour> all = new ArrayList<>();
            for (int j = 0; j < vectors.size(); j++) {
                if (j != i) {
                    all.add(new Neighbour(j, dot(vectors.get(i), vectors.get(j))));
                }
            }
            all.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
            out.add(all.subList(0, Math.min(k, all.size())));
        }
        return out;
    }

    @Test
    void separatedPeopleBecomePureClustersAndStrangersStayUnclustered() {
        Random r = new Random(7);
        List<float[]> vectors = new ArrayList<>();
        Map<Integer, String> truth = new HashMap<>();
        int[] sizes = {12, 7, 3, 2};
        for (int p = 0; p < sizes.length; p++) {
            float[] centre = random(r, 128);
            for (int i = 0; i < sizes[p]; i++) {
                truth.put(vectors.size(), "person" + p);
                vectors.add(near(r, centre, 0.25));
            }
        }
        int strangers = 5;
        for (int i = 0; i < strangers; i++) {
            vectors.add(random(r, 128));
        }
        DensityClustering.Result result = DensityClustering.cluster(knn(vectors, 16), new Params(0.8, 2));

        assertEquals(4, result.clusters());
        List<List<Integer>> members = result.members();
        ClusteringMetrics.Report report = ClusteringMetrics.evaluate(members, truth);
        assertEquals(1.0, report.purity(), 1e-9, report::toString);
        assertEquals(0, report.splitIdentities(), report::toString);
        assertEquals(truth.size(), report.labelledClustered(), "every person's face is in a cluster");
        for (int i = vectors.size() - strangers; i < vectors.size(); i++) {
            assertEquals(-1, result.labels()[i], "a random face is nobody's neighbour");
        }
    }

    @Test
    void minFacesDissolvesPairsThatAreTooSmall() {
        List<List<Neighbour>> graph = List.of(List.of(new Neighbour(1, 0.95)), List.of(new Neighbour(0, 0.95)));
        assertEquals(1, DensityClustering.cluster(graph, new Params(0.9, 2)).clusters());
        DensityClustering.Result three = DensityClustering.cluster(graph, new Params(0.9, 3));
        assertEquals(0, three.clusters());
        assertEquals(-1, three.labels()[0]);
    }

    @Test
    void neighboursBelowTheThresholdDoNotCount() {
        List<List<Neighbour>> graph = List.of(List.of(new Neighbour(1, 0.85)), List.of(new Neighbour(0, 0.85)));
        assertEquals(0, DensityClustering.cluster(graph, new Params(0.9, 2)).clusters());
        assertEquals(1, DensityClustering.cluster(graph, new Params(0.8, 2)).clusters());
    }

    @Test
    void aBorderFaceJoinsOneClusterAndDoesNotBridgeTwo() {
        // two dense groups of four (0-3 and 4-7); face 8 is near 3 and 4 but has only those two neighbours,
        // so at minFaces 4 it is not core: it joins the more similar side and never links the two groups
        List<List<Neighbour>> graph = new ArrayList<>();
        for (int g = 0; g < 2; g++) {
            for (int i = 0; i < 4; i++) {
                List<Neighbour> list = new ArrayList<>();
                for (int j = 0; j < 4; j++) {
                    if (i != j) {
                        list.add(new Neighbour(4 * g + j, 0.95));
                    }
                }
                graph.add(list);
            }
        }
        graph.set(3, concat(graph.get(3), new Neighbour(8, 0.93)));
        graph.set(4, concat(graph.get(4), new Neighbour(8, 0.92)));
        graph.add(List.of(new Neighbour(3, 0.93), new Neighbour(4, 0.92)));
        DensityClustering.Result result = DensityClustering.cluster(graph, new Params(0.9, 4));
        assertEquals(2, result.clusters());
        int[] l = result.labels();
        for (int i = 1; i < 4; i++) {
            assertEquals(l[0], l[i]);
            assertEquals(l[4], l[4 + i]);
        }
        assertNotEquals(l[0], l[4]);
        assertEquals(l[3], l[8], "the border face goes to its most similar core neighbour");
        assertEquals(1, DensityClustering.cluster(graph, new Params(0.9, 3)).clusters(),
                "at minFaces 3 face 8 is core itself and does link them: minFaces is the guard");
    }

    static List<Neighbour> concat(List<Neighbour> list, Neighbour extra) {
        List<Neighbour> out = new ArrayList<>(list);
        out.add(extra);
        return out;
    }

    @Test
    void twoCoreFacesThatAreNeighboursLinkTheirClusters() {
        List<List<Neighbour>> graph = List.of(
                List.of(new Neighbour(1, 0.95)), List.of(new Neighbour(0, 0.95), new Neighbour(2, 0.91)),
                List.of(new Neighbour(1, 0.91), new Neighbour(3, 0.96)), List.of(new Neighbour(2, 0.96)));
        DensityClustering.Result result = DensityClustering.cluster(graph, new Params(0.9, 2));
        assertEquals(1, result.clusters(), "single linkage between core faces at minFaces 2");
    }

    @Test
    void aNewFaceJoinsTheClusterOfItsMostSimilarClusteredNeighbour() {
        List<Neighbour> near = List.of(new Neighbour(0, 0.91), new Neighbour(1, 0.97), new Neighbour(2, 0.99));
        String[] clusterOf = {"a", "b", null};
        Placement<String> p = DensityClustering.place(near, i -> clusterOf[i], new Params(0.9, 2));
        assertEquals(new Placement.Join<>("b", List.of(2)), p,
                "the unclustered 0.99 neighbour does not win over a cluster, and comes along into it");
        assertEquals(new Placement.Join<>("b", List.of()), DensityClustering.place(near, i -> clusterOf[i],
                new Params(0.9, 5)), "a face that is not core joins as a border face and brings nobody");
    }

    @Test
    void aNewFaceStartsAClusterWithItsUnclusteredNeighboursWhenDenseEnough() {
        List<Neighbour> near = List.of(new Neighbour(0, 0.95), new Neighbour(1, 0.93), new Neighbour(2, 0.5));
        Placement<String> p = DensityClustering.place(near, i -> null, new Params(0.9, 3));
        Placement.NewCluster<String> fresh = assertInstanceOf(Placement.NewCluster.class, p);
        assertEquals(List.of(0, 1), fresh.with());
        assertInstanceOf(Placement.Unclustered.class, DensityClustering.place(near, i -> null, new Params(0.9, 4)));
        assertInstanceOf(Placement.Unclustered.class,
                DensityClustering.place(List.of(new Neighbour(0, 0.8)), i -> "a", new Params(0.9, 2)),
                "a clustered neighbour below the threshold is no neighbour");
    }

    @Test
    void incrementalPlacementInArrivalOrderMatchesTheFullRunOnSeparatedPeople() {
        Random r = new Random(11);
        List<float[]> vectors = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            float[] centre = random(r, 64);
            for (int i = 0; i < 6; i++) {
                vectors.add(near(r, centre, 0.2));
            }
        }
        java.util.Collections.shuffle(vectors, r);
        Params params = new Params(0.85, 2);
        Integer[] cluster = new Integer[vectors.size()];
        int next = 0;
        for (int f = 0; f < vectors.size(); f++) {
            List<Neighbour> near = knn(vectors.subList(0, f + 1), 16).get(f);
            Placement<Integer> p = DensityClustering.place(near, i -> cluster[i], params);
            if (p instanceof Placement.Join<Integer> join) {
                cluster[f] = join.cluster();
                for (int i : join.with()) {
                    cluster[i] = join.cluster();
                }
            } else if (p instanceof Placement.NewCluster<Integer> fresh) {
                cluster[f] = next;
                for (int i : fresh.with()) {
                    cluster[i] = next;
                }
                next++;
            }
        }
        DensityClustering.Result full = DensityClustering.cluster(knn(vectors, 16), params);
        assertEquals(full.clusters(), next);
        for (int i = 0; i < vectors.size(); i++) {
            for (int j = 0; j < vectors.size(); j++) {
                assertEquals(full.labels()[i] == full.labels()[j], cluster[i].equals(cluster[j]));
            }
        }
    }

    @Test
    void parametersAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Params(0.9, 1));
        assertThrows(IllegalArgumentException.class, () -> new Params(1.0, 2));
        assertTrue(new Params(0.94, 2).minSimilarity() > 0);
    }
}
