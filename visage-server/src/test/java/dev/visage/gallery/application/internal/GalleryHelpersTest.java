package dev.visage.gallery.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.inference.application.AnalyzedFace;
import dev.visage.ingest.application.TenantEmbeddings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GalleryHelpersTest {

    @Test
    void theRepresentativeIsTheMemberNearestTheCentroid() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        Map<UUID, float[]> vectors = new LinkedHashMap<>();
        vectors.put(a, new float[] {1, 0});
        vectors.put(b, new float[] {0.8f, 0.6f});
        vectors.put(c, new float[] {0.6f, 0.8f});
        assertEquals(Optional.of(b), Representatives.nearestCentroid(vectors));
        assertEquals(Optional.empty(), Representatives.nearestCentroid(Map.of()));
    }

    @Test
    void reIndexMatchesAFaceOfTheSourceImageToTheStoredBoxByOverlap() {
        TenantEmbeddings.Pending stored = new TenantEmbeddings.Pending(UUID.randomUUID(), null, null, null, null,
                100, 100, 50, 50);
        assertEquals(1.0, DefaultReindexing.iou(new AnalyzedFace.Box(100, 100, 50, 50), stored), 1e-9);
        assertEquals(0.0, DefaultReindexing.iou(new AnalyzedFace.Box(300, 300, 50, 50), stored), 1e-9);
        double half = DefaultReindexing.iou(new AnalyzedFace.Box(125, 100, 50, 50), stored);
        assertEquals(1.0 / 3, half, 1e-9);
        assertTrue(half > 0.3, "a face shifted by half its width still counts as the stored one");
    }
}
