package dev.visage.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Quality gate: face verification on deepface pairs-balanced.csv at the SHIPPED threshold
 * ({@code visage.recognition.threshold}, calibrated on pairs.csv — never on this file).
 */
class RecognitionAccuracyTest {

    @Test
    void balancedPairsAtTheShippedThresholdAreAtLeast97Point5PercentRight() throws Exception {
        String model = Inference.config().getProperty("visage.embedder.model").trim();
        double threshold = Inference.number("visage.recognition.threshold");
        List<PairScorer.Pair> pairs = new PairScorer(Inference.analyzer(model), Inference.PHOTOS)
                .score(Inference.DATASET.resolve("pairs-balanced.csv"));
        assertEquals(280, pairs.size());
        assertTrue(pairs.stream().noneMatch(p -> p.score() == -1), "every photo has a face");
        double accuracy = PairScorer.accuracy(pairs, threshold);
        System.out.printf("pairs-balanced.csv %s at %.3f: accuracy %.4f%n", model, threshold, accuracy);
        assertTrue(accuracy >= 0.975, "accuracy " + accuracy + " at threshold " + threshold);
    }
}
