package dev.visage.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.inference.application.DecodedImage;
import dev.visage.inference.domain.Aligner;
import dev.visage.inference.domain.Detection;
import dev.visage.inference.domain.RgbImage;
import dev.visage.inference.domain.SimilarityTransform;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BlazeFace with tiling, NMS and verification on the real deepface photos, at the shipped settings. */
class FaceDetectionTest {

    static final double MIN_SCORE = Inference.number("visage.detector.min-score");

    static List<Detection> detect(String photo) throws Exception {
        DecodedImage image = Inference.decoder().decode(Inference.photo(photo));
        return Inference.detector().detect(RgbImage.of(image.image()), MIN_SCORE);
    }

    @Test
    void everyDeepfacePhotoDecodesAndHasAFace() throws Exception {
        List<String> without = new ArrayList<>();
        int photos = 0;
        try (var files = Files.list(Inference.PHOTOS)) {
            for (Path p : files.sorted().toList()) {
                photos++;
                DecodedImage image = Inference.decoder().decode(Files.readAllBytes(p));
                if (Inference.detector().detect(RgbImage.of(image.image()), MIN_SCORE).isEmpty()) {
                    without.add(p.getFileName().toString());
                }
            }
        }
        assertEquals(64, photos, "deepface-pairs photos");
        assertTrue(without.isEmpty(), "photos without a face: " + without);
    }

    @Test
    void coupleHasTwoFaces() throws Exception {
        List<Detection> faces = detect("couple.jpg");
        assertEquals(2, faces.size(), faces::toString);
        for (Detection d : faces) {
            assertTrue(d.score() > 0.9 && d.width() > 400, d::toString);
        }
    }

    /**
     * I count 7 faces in this selfie: 5 whole (the woman top left, the woman in the centre-left,
     * the bearded man, the man centre-right, the man with glasses top right) and 2 cut by the
     * photo's border (a half face at the bottom-left edge, the selfie-taker's face at the
     * bottom-right corner). The cut ones need the framed whole-photo pass and the relaxed
     * verification of border-cut faces (OnnxFaceDetector#verify); both score ~0.47.
     */
    @Test
    void selfieFindsEveryFaceAlsoThoseCutByTheBorder() throws Exception {
        List<Detection> faces = detect("selfie-many-people.jpg");
        double[][] whole = {{146, 382}, {427, 218}, {259, 195}, {31, 308}, {571, 164}};
        for (double[] c : whole) {
            assertTrue(faces.stream().anyMatch(d -> Math.abs(d.x() + d.width() / 2 - c[0]) < 30
                    && Math.abs(d.y() + d.height() / 2 - c[1]) < 30), "face at " + c[0] + "," + c[1] + " in " + faces);
        }
        // the selfie-taker, cut by the right border: a big box reaching past x = 600, below y = 350
        assertTrue(faces.stream().anyMatch(d -> d.width() > 150 && d.x() + d.width() > 600
                && Math.abs(d.x() + d.width() / 2 - 575) < 40 && Math.abs(d.y() + d.height() / 2 - 473) < 40),
                "selfie-taker at the bottom right in " + faces);
        // the half face at the bottom-left edge: box crossing the left border, centre near the bottom
        assertTrue(faces.stream().anyMatch(d -> d.width() > 120 && d.x() < 0 && d.x() + d.width() > 40
                && Math.abs(d.x() + d.width() / 2 + 11) < 40 && Math.abs(d.y() + d.height() / 2 - 525) < 40),
                "half face at the bottom-left edge in " + faces);
        assertEquals(7, faces.size(), faces::toString);
    }

    @Test
    void findsATwentyFourPixelFaceInATwoMegapixelPhoto() throws Exception {
        DecodedImage source = Inference.decoder().decode(Inference.photo("img1.jpg"));
        Detection big = Inference.detector().detect(RgbImage.of(source.image()), MIN_SCORE).get(0);
        BufferedImage canvas = new BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(new Color(128, 120, 110));
        g.fillRect(0, 0, 1600, 1200);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        // the face box plus a margin, scaled so that the face box becomes 24 px
        double scale = 24 / big.width();
        int sx = (int) (big.x() - big.width()), sy = (int) (big.y() - big.height());
        int sw = (int) (3 * big.width()), sh = (int) (3 * big.height());
        int dx = 1013, dy = 707;
        g.drawImage(source.image(), dx, dy, dx + (int) (sw * scale), dy + (int) (sh * scale), sx, sy, sx + sw, sy + sh, null);
        g.dispose();
        List<Detection> faces = Inference.detector().detect(RgbImage.of(canvas), MIN_SCORE);
        double cx = dx + (big.x() + big.width() / 2 - sx) * scale;
        double cy = dy + (big.y() + big.height() / 2 - sy) * scale;
        assertTrue(faces.stream().anyMatch(d -> Math.abs(d.x() + d.width() / 2 - cx) < 8
                && Math.abs(d.y() + d.height() / 2 - cy) < 8 && d.width() > 14 && d.width() < 40),
                "24 px face at " + cx + "," + cy + " in " + faces);
    }

    @Test
    void alignmentPutsTheKeypointsOnTheArcFaceTemplate() throws Exception {
        Detection face = detect("img1.jpg").get(0);
        for (int size : new int[] {112, 224}) {
            SimilarityTransform t = Aligner.transform(face, size);
            double[] template = Aligner.template(size);
            for (int k = 0; k < 4; k++) {
                double[] p = t.apply(face.kx(k), face.ky(k));
                double err = Math.hypot(p[0] - template[2 * k], p[1] - template[2 * k + 1]);
                assertTrue(err < 0.08 * size, "keypoint " + k + " lands " + err + " px off the template at " + size);
            }
            // eye line level after alignment, whatever the head roll
            double[] l = t.apply(face.kx(0), face.ky(0));
            double[] r = t.apply(face.kx(1), face.ky(1));
            assertTrue(Math.abs(l[1] - r[1]) < 0.05 * size);
        }
        float[] crop = new float[112 * 112 * 3];
        DecodedImage image = Inference.decoder().decode(Inference.photo("img1.jpg"));
        Aligner.align(RgbImage.of(image.image()), face, 112, crop, 0);
        // the aligned crop is itself found as one centred face
        BufferedImage aligned = new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 112 * 112; i++) {
            int rr = Math.round(crop[3 * i]), gg = Math.round(crop[3 * i + 1]), bb = Math.round(crop[3 * i + 2]);
            aligned.setRGB(i % 112, i / 112, rr << 16 | gg << 8 | bb);
        }
        List<Detection> again = Inference.detector().detect(RgbImage.of(aligned), MIN_SCORE);
        assertEquals(1, again.size(), again::toString);
        assertEquals(56, again.get(0).x() + again.get(0).width() / 2, 12);
    }
}
