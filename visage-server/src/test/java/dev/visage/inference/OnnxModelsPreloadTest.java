package dev.visage.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.inference.infrastructure.OnnxModels;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Start-up loads only the preloaded models; any other loads on its first use and answers like the rest. */
class OnnxModelsPreloadTest {

    @Test
    void aModelThatIsNotPreloadedLoadsOnItsFirstUse() throws Exception {
        OnnxModels models = new OnnxModels(Optional.of("models"), 1, false, List.of(OnnxModels.DETECTOR));
        try {
            models.start();
            assertTrue(models.ready(), () -> models.failure().orElse("?"));
            int side = OnnxModels.INPUT_SIDES.get(OnnxModels.MOBILEFACE);
            Map<String, float[]> out = models.run(OnnxModels.MOBILEFACE, new float[side * side * 3], 1, side);
            assertEquals(256, out.values().iterator().next().length, "mobileface's 256-d embedding");
        } finally {
            models.shutdown();
        }
    }

    @Test
    void aPreloadListNamingNoModelIsRefusedAtStartUp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OnnxModels(Optional.of("models"), 1, false, List.of("blazeface-front")));
        assertTrue(e.getMessage().contains("blazeface-front"), e.getMessage());
    }
}
