package dev.visage.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.inference.application.AnalysisResult;
import dev.visage.inference.application.AnalyzeOptions;
import dev.visage.inference.application.AnalyzedFace;
import dev.visage.inference.application.DecodedImage;
import dev.visage.inference.application.Embedding;
import dev.visage.inference.domain.Aligner;
import dev.visage.inference.domain.Detection;
import dev.visage.inference.domain.RgbImage;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The application service end to end on real photos, with the shipped configuration. */
class FaceAnalyzerTest {

    static byte[] png(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** The aligned 112×112 crop of img1's face, as a photo of its own. */
    static BufferedImage alignedCrop(String photo) throws Exception {
        RgbImage image = RgbImage.of(Inference.decoder().decode(Inference.photo(photo)).image());
        Detection face = Inference.detector().detect(image, 0.45).get(0);
        float[] crop = new float[112 * 112 * 3];
        Aligner.align(image, face, 112, crop, 0);
        byte[] rgb = new byte[crop.length];
        for (int i = 0; i < crop.length; i++) {
            rgb[i] = (byte) Math.round(Math.max(0, Math.min(255, crop[i])));
        }
        return new RgbImage(112, 112, rgb).toBufferedImage();
    }

    /**
     * img40.jpg is 4600 px wide, more than twice the analysis size: it is decoded at half scale
     * (cheaper than a full decode and shrinking it), yet boxes, keypoints, face sizes and the
     * photo's size come back in the photo's own pixels, where a full-size decode puts them.
     */
    @Test
    void aPhotoDecodedAtReducedScaleIsAnsweredInItsOwnPixels() throws Exception {
        byte[] bytes = Inference.photo("img40.jpg");
        DecodedImage reduced = Inference.analyzer().decode(bytes);
        DecodedImage full = Inference.decoder().decode(bytes);
        assertEquals(0.5, reduced.scale(), "decoded at half scale");
        assertEquals(full.width(), reduced.originalWidth());
        AnalyzeOptions options = AnalyzeOptions.defaults().withIncludeEmbedding(false);
        AnalysisResult a = Inference.analyzer().analyze(reduced, options);
        AnalysisResult b = Inference.analyzer().analyze(full, options);
        assertEquals(full.width(), a.width());
        assertEquals(full.height(), a.height());
        assertEquals(b.faces().size(), a.faces().size());
        assertTrue(a.faces().size() >= 1);
        for (int i = 0; i < a.faces().size(); i++) {
            AnalyzedFace x = a.faces().get(i);
            AnalyzedFace y = b.faces().get(i);
            double tolerance = 0.05 * y.box().width();
            assertEquals(y.box().x(), x.box().x(), tolerance);
            assertEquals(y.box().y(), x.box().y(), tolerance);
            assertEquals(y.box().width(), x.box().width(), tolerance);
            assertEquals(y.keypoints().get(0).x(), x.keypoints().get(0).x(), tolerance);
            assertEquals(y.quality().size(), x.quality().size(), tolerance);
        }
    }

    @Test
    void coupleHasTwoCompleteFaces() throws Exception {
        AnalysisResult result = Inference.analyzer("faceres").analyze(Inference.photo("couple.jpg"), AnalyzeOptions.defaults());
        assertEquals(2280, result.width());
        assertEquals(2, result.faces().size());
        for (AnalyzedFace f : result.faces()) {
            assertEquals(6, f.keypoints().size());
            assertTrue(f.quality().accepted(), f.quality()::toString);
            assertTrue(f.attributes().age() > 15 && f.attributes().age() < 70, f.attributes()::toString);
            assertTrue(f.antispoof() > 0.3, "real photo: " + f.antispoof());
            assertEquals(1024, f.embedding().vector().length);
            assertEquals("faceres@human-models-3.0.4", f.embedding().model());
            assertEquals(1.0, f.embedding().cosine(f.embedding()), 1e-4);
        }
        // largest first; the two people are different
        assertTrue(result.faces().get(0).box().width() >= result.faces().get(1).box().width());
        assertTrue(result.faces().get(0).embedding().cosine(result.faces().get(1).embedding()) < 0.64);
        assertTrue(result.timingsMs().keySet().containsAll(java.util.List.of("decode", "detect", "align", "embed",
                "antispoof", "quality", "total")), result.timingsMs()::toString);
    }

    @Test
    void genderOfWellKnownFaces() throws Exception {
        // couple.jpg: the larger face (image left/right varies) — check both genders are present
        AnalysisResult couple = Inference.analyzer().analyze(Inference.photo("couple.jpg"), AnalyzeOptions.defaults());
        assertEquals(java.util.Set.of("male", "female"),
                java.util.Set.of(couple.faces().get(0).attributes().gender(), couple.faces().get(1).attributes().gender()));
    }

    @Test
    void alignedCropIsOneFaceWithTheSameIdentity() throws Exception {
        AnalyzeOptions aligned = AnalyzeOptions.defaults().withAligned(true);
        AnalysisResult crop = Inference.analyzer().analyze(png(alignedCrop("img1.jpg")), aligned);
        assertEquals(1, crop.faces().size());
        AnalyzedFace face = crop.faces().get(0);
        assertNotNull(face.embedding());
        assertEquals(112, crop.width());
        AnalysisResult photo = Inference.analyzer().analyze(Inference.photo("img1.jpg"), AnalyzeOptions.defaults());
        double same = face.embedding().cosine(photo.faces().get(0).embedding());
        assertTrue(same > 0.9, "aligned crop vs photo: " + same);
        // another person is below the shipped threshold
        AnalysisResult other = Inference.analyzer().analyze(png(alignedCrop("img17.jpg")), aligned);
        assertTrue(face.embedding().cosine(other.faces().get(0).embedding()) < Inference.number("visage.recognition.threshold"));
    }

    @Test
    void withoutEmbeddingThereIsNone() throws Exception {
        AnalysisResult result = Inference.analyzer().analyze(Inference.photo("img2.jpg"),
                AnalyzeOptions.defaults().withIncludeEmbedding(false));
        assertEquals(1, result.faces().size());
        assertNull(result.faces().get(0).embedding());
        assertEquals("female", result.faces().get(0).attributes().gender());
    }

    @Test
    void mobilefaceEmbedderGives256Dimensions() throws Exception {
        AnalysisResult result = Inference.analyzer("mobileface").analyze(Inference.photo("img2.jpg"),
                AnalyzeOptions.defaults());
        assertEquals(256, result.faces().get(0).embedding().vector().length);
        assertEquals("mobileface@human-models-3.0.4", result.faces().get(0).embedding().model());
        assertNotNull(result.faces().get(0).attributes().gender());
    }

    /**
     * face-api's recogniser (dlib ResNet) on dlib's face-chip alignment: a known same-person pair
     * (img1/img2) is above, a different-person pair (img1/img17) below the cosine threshold
     * calibrated on pairs.csv for this model (0.921, docs/BENCHMARKS.md), by a clear margin.
     */
    @Test
    void faceapiEmbeddingsSeparateSameFromDifferentPerson() throws Exception {
        var faceapi = Inference.analyzer("faceapi");
        Embedding a = faceapi.analyze(Inference.photo("img1.jpg"), AnalyzeOptions.defaults()).faces().get(0).embedding();
        Embedding same = faceapi.analyze(Inference.photo("img2.jpg"), AnalyzeOptions.defaults()).faces().get(0).embedding();
        Embedding other = faceapi.analyze(Inference.photo("img17.jpg"), AnalyzeOptions.defaults()).faces().get(0)
                .embedding();
        assertEquals(128, a.vector().length);
        assertEquals("faceapi-recognition@face-api-1.7.15", a.model());
        double threshold = 0.921;
        double s = a.cosine(same), d = a.cosine(other);
        assertTrue(s > threshold + 0.02, "same person " + s);
        assertTrue(d < threshold - 0.02, "different people " + d);
        // a pre-aligned (ArcFace 112) crop is re-aligned onto the dlib chip: still the same person
        Embedding crop = faceapi.analyze(png(alignedCrop("img1.jpg")), AnalyzeOptions.defaults().withAligned(true))
                .faces().get(0).embedding();
        assertTrue(crop.cosine(a) > threshold, "aligned crop vs photo " + crop.cosine(a));
    }

    @Test
    void qualityGateRejectsBlurredAndSmallFaces() throws Exception {
        BufferedImage crop = alignedCrop("img2.jpg");
        float[] k = new float[81];
        java.util.Arrays.fill(k, 1f / 81);
        BufferedImage blurred = new ConvolveOp(new Kernel(9, 9, k), ConvolveOp.EDGE_NO_OP, null).filter(crop, null);
        AnalyzeOptions aligned = AnalyzeOptions.defaults().withAligned(true);
        AnalyzedFace sharp = Inference.analyzer().analyze(png(crop), aligned).faces().get(0);
        AnalyzedFace blur = Inference.analyzer().analyze(png(blurred), aligned).faces().get(0);
        assertTrue(sharp.quality().accepted(), sharp.quality()::toString);
        assertTrue(blur.quality().reasons().contains("LOW_SHARPNESS"), blur.quality()::toString);

        BufferedImage small = new BufferedImage(30, 30, BufferedImage.TYPE_INT_RGB);
        small.createGraphics().drawImage(crop, 0, 0, 30, 30, null);
        AnalyzedFace tiny = Inference.analyzer().analyze(png(small), aligned).faces().get(0);
        assertTrue(tiny.quality().reasons().contains("SMALL_BOUNDING_BOX"), tiny.quality()::toString);
    }

    @Test
    void maxFacesKeepsTheLargest() throws Exception {
        AnalysisResult one = Inference.analyzer().analyze(Inference.photo("couple.jpg"),
                AnalyzeOptions.defaults().withMaxFaces(1).withIncludeEmbedding(false));
        assertEquals(1, one.faces().size());
        assertTrue(one.faces().get(0).box().width() > 600);
    }

    @Test
    void largePhotosAreShrunkForDetectionAndReportedInTheirOwnPixels() throws Exception {
        String model = Inference.config().getProperty("visage.embedder.model").trim();
        byte[] photo = Inference.photo("img1.jpg");   // 1382×1868
        AnalysisResult full = Inference.analyzer(model, 0).analyze(photo, AnalyzeOptions.defaults());
        AnalysisResult shrunk = Inference.analyzer(model, 600).analyze(photo, AnalyzeOptions.defaults());
        assertEquals(1382, shrunk.width());
        assertEquals(1868, shrunk.height());
        AnalyzedFace.Box a = full.faces().get(0).box();
        AnalyzedFace.Box b = shrunk.faces().get(0).box();
        // detected on a 444×600 copy, yet in the photo's pixels: same place, same size (a few % of the box)
        assertEquals(a.x() + a.width() / 2, b.x() + b.width() / 2, a.width() * 0.05);
        assertEquals(a.y() + a.height() / 2, b.y() + b.height() / 2, a.height() * 0.05);
        assertEquals(a.width(), b.width(), a.width() * 0.08);
        AnalyzedFace.Keypoint eye = shrunk.faces().get(0).keypoints().get(0);
        assertEquals(full.faces().get(0).keypoints().get(0).x(), eye.x(), a.width() * 0.05);
        assertEquals(full.faces().get(0).quality().size(), shrunk.faces().get(0).quality().size(), a.width() * 0.08);
    }

    @Test
    void everySessionIsLoadedAndWarmedUpOnTheCpu() {
        // what the "models" readiness check reports (HealthIT checks it on the server)
        assertTrue(Inference.models().ready());
        assertEquals("CPU", Inference.models().provider());
        assertTrue(Inference.models().failure().isEmpty());
        assertTrue(Inference.models().names().containsAll(java.util.List.of("blazeface-back", "faceres", "mobileface",
                "antispoof", "facemesh-detection-short")));
    }
}
