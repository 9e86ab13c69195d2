package dev.visage.inference.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.inference.Inference;
import dev.visage.inference.domain.Detection;
import dev.visage.inference.domain.RgbImage;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A lone caller's passes run side by side on the executor, a caller among others runs them on its
 * own thread, and either way the detector finds exactly the same faces.
 */
class SpareCoresTest {

    static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(2);

    @AfterAll
    static void stop() {
        EXECUTOR.shutdownNow();
    }

    @Test
    void aLoneCallersPassesRunOnOtherThreadsAndOthersRunInline() {
        SpareCores cores = new SpareCores(EXECUTOR, 2);
        Thread caller = Thread.currentThread();
        List<Supplier<Thread>> passes = List.of(Thread::currentThread, Thread::currentThread, Thread::currentThread);
        try (SpareCores.Claim alone = cores.claim()) {
            assertTrue(alone.alone());
            List<Thread> ran = alone.all(passes);
            assertEquals(caller, ran.get(0));
            assertNotEquals(caller, ran.get(1));
            assertNotEquals(caller, ran.get(2));
            try (SpareCores.Claim second = cores.claim()) {
                assertFalse(second.alone(), "a second caller inside: no core to spare");
                assertEquals(List.of(caller, caller, caller), second.all(passes));
            }
        }
        try (SpareCores.Claim again = cores.claim()) {
            assertTrue(again.alone(), "the claims left");
        }
        try (SpareCores.Claim oneCore = new SpareCores(EXECUTOR, 1).claim()) {
            assertFalse(oneCore.alone(), "one core: nothing to spare");
        }
    }

    @Test
    void visageInferenceSpareCoresFalseKeepsEveryPassOnItsCallersThread() {
        SpareCores off = new SpareCores(false);
        off.executor = EXECUTOR;
        try (SpareCores.Claim alone = off.claim()) {
            assertFalse(alone.alone(), "spare cores switched off");
        }
        SpareCores on = new SpareCores(true);
        on.executor = EXECUTOR;
        try (SpareCores.Claim alone = on.claim()) {
            assertEquals(Runtime.getRuntime().availableProcessors() > 1, alone.alone(), "on, with more than one core");
        }
    }

    @Test
    void fannedOutPassesFindExactlyWhatOneThreadFinds() throws Exception {
        OnnxFaceDetector inline = Inference.detector();
        OnnxFaceDetector fanned = Inference.detector(new SpareCores(EXECUTOR, 2));
        // whole-photo passes only (a kiosk frame), and whole plus dense passes (a 2 MP group photo)
        for (String photo : List.of("img1.jpg", "selfie-many-people.jpg", "couple.jpg")) {
            RgbImage image = RgbImage.of(Inference.decoder().decode(Inference.photo(photo)).image());
            for (double smallest : new double[] {20, 80}) {
                List<String> expected = values(inline.detect(image, 0.5, smallest));
                assertFalse(expected.isEmpty(), photo);
                assertEquals(expected, values(fanned.detect(image, 0.5, smallest)), photo + " down to " + smallest + " px");
            }
        }
    }

    static List<String> values(List<Detection> faces) {
        return faces.stream().map(d -> d.x() + " " + d.y() + " " + d.width() + " " + d.height() + " " + d.score() + " "
                + Arrays.toString(d.keypoints())).toList();
    }
}
