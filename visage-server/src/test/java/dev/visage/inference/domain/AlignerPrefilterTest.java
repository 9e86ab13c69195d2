package dev.visage.inference.domain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.inference.Inference;
import dev.visage.inference.application.DecodedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The box prefilter for faces much larger than their crop gives the crop the plain supersampled
 * warp gives (both low-pass the photo over one crop pixel's footprint), on a real portrait
 * whose face is several times its crop, rotated by its own keypoints.
 */
class AlignerPrefilterTest {

    static RgbImage image;
    static Detection face;

    @BeforeAll
    static void portrait() throws Exception {
        DecodedImage decoded = Inference.decoder().decode(Inference.photo("img1.jpg"));
        image = RgbImage.of(decoded.image());
        face = Inference.detector().detect(image, 0.45).get(0);
    }

    @Test
    void aLargeFaceIsCroppedAsBySupersampling() {
        for (int size : new int[] {112, 150}) {
            SimilarityTransform t = Aligner.transform(face, Aligner.Template.ARCFACE, size);
            assertTrue(1 / t.scale() >= 3, "the face is at least 3 times its crop: " + 1 / t.scale());
            assertCroppedAsBySupersampling(t, size);
        }
    }

    /** From twice the crop's size (a kiosk face): halved first, then 2×2 samples instead of 3×3. */
    @Test
    void aFaceTwoToThreeTimesItsCropIsCroppedAsBySupersampling() {
        double facePerCropPixel = 1 / Aligner.transform(face, Aligner.Template.ARCFACE, 112).scale();
        int size = (int) Math.ceil(112 * facePerCropPixel / 2.5);
        SimilarityTransform t = Aligner.transform(face, Aligner.Template.ARCFACE, size);
        assertTrue(1 / t.scale() >= 2 && 1 / t.scale() < 3, "the face is 2–3 times its crop: " + 1 / t.scale());
        assertCroppedAsBySupersampling(t, size);
    }

    static void assertCroppedAsBySupersampling(SimilarityTransform t, int size) {
        assertTrue(1 / t.scale() >= Aligner.PREFILTER, "the face is large enough to be prefiltered: " + 1 / t.scale());
        float[] fast = new float[size * size * 3];
        float[] plain = new float[size * size * 3];
        Aligner.warp(image, t, size, fast, 0);
        Aligner.supersample(image, t, size, plain, 0);
        double diff = 0;
        for (int i = 0; i < fast.length; i++) {
            diff += Math.abs(fast[i] - plain[i]);
        }
        double mean = diff / fast.length;
        assertTrue(mean < 2.5, "mean absolute difference " + mean + " of 255 at " + size);
    }
}
