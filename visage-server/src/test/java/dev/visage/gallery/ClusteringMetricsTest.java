package dev.visage.gallery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusteringMetricsTest {

    @Test
    void purityCountsEachClustersMajorityAndIgnoresUnlabelledFaces() {
        Map<String, String> truth = Map.of("a1", "A", "a2", "A", "a3", "A", "b1", "B", "b2", "B");
        // {a1,a2,b1,x}: majority A = 2 of 3 labelled; {a3}: 1 of 1; {b2}: 1 of 1
        ClusteringMetrics.Report r = ClusteringMetrics.evaluate(
                List.of(List.of("a1", "a2", "b1", "x"), List.of("a3"), List.of("b2")), truth);
        assertEquals(4.0 / 5, r.purity(), 1e-9);
        assertEquals(3, r.clusters());
        assertEquals(2, r.identities());
        assertEquals(5, r.labelledClustered());
        assertEquals(2, r.splitIdentities(), "A is in two clusters, B in two");
    }

    @Test
    void identitiesAreTheConnectedComponentsOfTheYesPairs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("p.csv"), "file_x,file_y,Decision\na.jpg,b.jpg,Yes\nb.jpg,c.jpg,Yes\n"
                + "d.jpg,e.jpg,Yes\na.jpg,d.jpg,No\n");
        Map<String, String> ids = ClusteringMetrics.identities(dir, List.of("p.csv"));
        assertEquals("a.jpg", ids.get("c.jpg"));
        assertEquals("a.jpg", ids.get("b.jpg"));
        assertEquals("d.jpg", ids.get("e.jpg"));
        assertNull(ids.get("x.jpg"));
    }

    @Test
    void theSubjectOfAPhotoWithBystandersIsTheFaceMostLikeTheIdentitysOtherPhotos() {
        record F(String photo, String id, float[] v) {
        }
        List<F> faces = List.of(new F("p1", "p1#0", new float[] {1, 0}), new F("p2", "p2#0", new float[] {0, 1}),
                new F("p2", "p2#1", new float[] {0.99f, 0.14f}));
        Map<String, String> truth = ClusteringMetrics.subjects(faces, F::photo, F::id, F::v,
                Map.of("p1", "P", "p2", "P"));
        assertEquals(Map.of("p1#0", "P", "p2#1", "P"), truth);
    }
}
