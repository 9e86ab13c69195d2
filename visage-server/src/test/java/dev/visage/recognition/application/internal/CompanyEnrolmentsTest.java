package dev.visage.recognition.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CompanyGalleryTest {

    private static float[] unit(float... v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / Math.sqrt(n));
        }
        return u;
    }

    @Test
    void bestMatchIsTheNearestFace() {
        CompanyEnrolments g = new CompanyEnrolments(true);
        g.addFace("ann", "f1", unit(1, 0, 0));
        g.addFace("bob", "f1", unit(0, 1, 0));
        CompanyEnrolments.Best best = g.best(unit(0.1f, 1, 0));
        assertEquals("bob", best.userId());
        assertTrue(best.similarity() > 0.99);
    }

    @Test
    void addingTheSameFaceTwiceIsHarmless() {
        CompanyEnrolments g = new CompanyEnrolments(true);
        assertTrue(g.addFace("ann", "f1", unit(1, 0)));
        assertFalse(g.addFace("ann", "f1", unit(1, 0)));
        assertEquals(1, g.faceCount());
    }

    @Test
    void removingFacesAndUsersKeepsTheRestSearchable() {
        CompanyEnrolments g = new CompanyEnrolments(true);
        g.addFace("ann", "f1", unit(1, 0, 0));
        g.addFace("ann", "f2", unit(1, 1, 0));
        g.addFace("bob", "f1", unit(0, 1, 0));
        g.addFace("cid", "f1", unit(0, 0, 1));
        g.removeFace("ann", "f1");
        assertTrue(g.users().containsKey("ann"), "the user stays without its last face");
        g.removeUser("bob");
        assertEquals("cid", g.best(unit(0, 0.1f, 1)).userId());
        assertEquals("ann", g.best(unit(1, 0.9f, 0)).userId());
        assertEquals(2, g.faceCount());
        g.removeFace("ann", "f2");
        g.removeFace("cid", "f1");
        assertNull(g.best(unit(1, 0, 0)));
        assertTrue(g.users().get("ann").isEmpty());
    }

    @Test
    void spilledGalleriesKeepIdsButNoVectors() {
        CompanyEnrolments g = new CompanyEnrolments(true);
        g.addFace("ann", "f1", unit(1, 0));
        g.spill();
        g.addFace("bob", "f1", unit(0, 1));
        assertFalse(g.inMemory());
        assertEquals(2, g.faceCount());
        assertNull(g.best(unit(1, 0)));
    }

    @Test
    void confidenceIsTheSimilarityClampedToZeroOne() {
        assertEquals(0.0, Similarity.confidence(-0.3));
        assertEquals(0.42, Similarity.confidence(0.42), 1e-9);
        assertEquals(1.0, Similarity.confidence(1.0000001));
    }
}
