package dev.visage.inference.tools;

import dev.visage.inference.Inference;
import dev.visage.inference.PairScorer;
import dev.visage.inference.domain.Aligner;
import dev.visage.inference.domain.Detection;
import dev.visage.inference.domain.FaceDetector;
import dev.visage.inference.domain.FaceEmbedder;
import dev.visage.inference.domain.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Verification on degraded captures the deepface pairs cannot saturate. Every single-person deepface photo is
 * degraded V times by {@link Degrader} (seeded by photo name and variant); identities are the connected components
 * of the "Yes" pairs of pairs.csv and pairs-balanced.csv. Variants 0..V/2-1 form the CALIBRATION split, V/2..V-1
 * the TEST split (same people, independent degradations). Within a split every two captures of different source
 * photos are a pair (genuine when the identities agree). Per recogniser: detection once (converted BlazeFace, the
 * largest face), alignment onto its template, one embedding; a capture without a face scores -1 (a false reject for
 * a genuine pair). Thresholds at FAR 1e-3 and 1e-2 are fixed on the calibration split before the test split is
 * scored; reported: TAR/FAR on the test split at those thresholds, and the test split's own ROC (AUC, EER,
 * TAR at FAR 1e-3 / 1e-2).
 *
 * <p>Usage: {@code DegradedEvaluation [variants=10] [out-dir=target/calibration] [models=faceapi,faceres,...]
 * [samples-dir]}; samples-dir, when given, receives the degraded JPEGs.
 */
public final class DegradedEvaluation {

    static final List<String> GROUP_PHOTOS = List.of("couple.jpg", "selfie-many-people.jpg");
    static final double[] FARS = {1e-3, 1e-2};

    public record Capture(String photo, int variant, String recipe, RgbImage image, Detection face) {
    }

    private DegradedEvaluation() {
    }

    /** Photo → identity: connected components of the same-person pairs of both pair lists. */
    public static Map<String, String> identities(Path dataset) throws Exception {
        Map<String, String> parent = new HashMap<>();
        for (String file : List.of("pairs.csv", "pairs-balanced.csv")) {
            List<String> lines = Files.readAllLines(dataset.resolve(file));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                if (f.length == 3 && f[2].trim().equalsIgnoreCase("Yes")) {
                    parent.put(root(parent, f[0].trim()), root(parent, f[1].trim()));
                }
            }
        }
        Map<String, String> out = new HashMap<>();
        try (var photos = Files.list(dataset.resolve("images"))) {
            photos.map(p -> p.getFileName().toString()).filter(p -> !GROUP_PHOTOS.contains(p))
                    .forEach(p -> out.put(p, root(parent, p)));
        }
        return out;
    }

    private static String root(Map<String, String> parent, String x) {
        String r = x;
        while (parent.containsKey(r) && !parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        return r;
    }

    /** The clean photos themselves as captures (variant -1), the largest face of each. */
    public static List<Capture> clean(Path images, List<String> photos) throws Exception {
        FaceDetector detector = Inference.detector();
        double minScore = Double.parseDouble(Inference.config().getProperty("visage.detector.min-score").trim());
        List<Capture> out = new ArrayList<>();
        for (String photo : photos) {
            RgbImage img = RgbImage.of(Inference.decoder().decode(Files.readAllBytes(images.resolve(photo))).image());
            out.add(new Capture(photo, -1, "clean", img, largest(detector.detect(img, minScore))));
        }
        return out;
    }

    public static List<Capture> captures(Path images, List<String> photos, int variants, Path samples) throws Exception {
        FaceDetector detector = Inference.detector();
        double minScore = Double.parseDouble(Inference.config().getProperty("visage.detector.min-score").trim());
        List<Capture> out = new ArrayList<>();
        for (String photo : photos) {
            byte[] bytes = Files.readAllBytes(images.resolve(photo));
            BufferedImage awt = Inference.decoder().decode(bytes).image();
            RgbImage clean = RgbImage.of(awt);
            Detection face = largest(detector.detect(clean, minScore));
            if (face == null) {
                throw new IllegalStateException("no face in the clean photo " + photo);
            }
            for (int v = 0; v < variants; v++) {
                Degrader.Capture c = Degrader.degrade(awt, face.x() + face.width() / 2, face.y() + face.height() / 2,
                        face.width(), Objects.hash(photo, v, "visage-degraded-1"));
                if (samples != null) {
                    Files.write(samples.resolve(photo.replace(".jpg", "") + "-v" + v + ".jpg"), c.jpeg());
                }
                RgbImage img = RgbImage.of(ImageIO.read(new ByteArrayInputStream(c.jpeg())));
                out.add(new Capture(photo, v, c.recipe(), img, largest(detector.detect(img, minScore))));
            }
        }
        return out;
    }

    static Detection largest(List<Detection> faces) {
        return faces.stream().max(Comparator.comparingDouble(Detection::area)).orElse(null);
    }

    public static float[][] embed(FaceEmbedder e, List<Capture> captures) {
        int s = e.inputSize();
        float[][] out = new float[captures.size()][];
        float[] crop = new float[s * s * 3];
        for (int i = 0; i < captures.size(); i++) {
            Capture c = captures.get(i);
            if (c.face() != null) {
                Aligner.align(c.image(), c.face(), e.template(), s, crop, 0);
                out[i] = e.embed(crop, 1).vectors()[0];
            }
        }
        return out;
    }

    static List<PairScorer.Pair> pairs(List<Capture> captures, float[][] vectors, Map<String, String> ids,
                                      boolean calibration, int variants) {
        List<Integer> split = new ArrayList<>();
        for (int i = 0; i < captures.size(); i++) {
            if ((captures.get(i).variant() < variants / 2) == calibration) {
                split.add(i);
            }
        }
        List<PairScorer.Pair> out = new ArrayList<>();
        for (int a = 0; a < split.size(); a++) {
            for (int b = a + 1; b < split.size(); b++) {
                Capture x = captures.get(split.get(a));
                Capture y = captures.get(split.get(b));
                if (x.photo().equals(y.photo())) {
                    continue;
                }
                float[] u = vectors[split.get(a)];
                float[] v = vectors[split.get(b)];
                double score = u == null || v == null ? -1 : dot(u, v);
                out.add(new PairScorer.Pair(x.photo() + "#" + x.variant(), y.photo() + "#" + y.variant(),
                        ids.get(x.photo()).equals(ids.get(y.photo())), score));
            }
        }
        return out;
    }

    /** Cosine of two unit vectors (the benchmarks' one dot product). */
    public static double dot(float[] u, float[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += (double) u[i] * v[i];
        }
        return s;
    }

    /** TAR and FAR of "same iff score ≥ t". */
    static double[] rates(List<PairScorer.Pair> pairs, double t) {
        long tp = 0, pos = 0, fp = 0, neg = 0;
        for (PairScorer.Pair p : pairs) {
            if (p.same()) {
                pos++;
                tp += p.score() >= t ? 1 : 0;
            } else {
                neg++;
                fp += p.score() >= t ? 1 : 0;
            }
        }
        return new double[] {(double) tp / pos, (double) fp / neg};
    }

    public static void main(String[] args) throws Exception {
        int variants = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path out = Path.of(args.length > 1 ? args[1] : "target/calibration");
        String[] models = (args.length > 2 ? args[2] : "faceapi,faceres,mobileface,faceplugin,mfn192").split(",");
        Path samples = args.length > 3 ? Path.of(args[3]) : null;
        Files.createDirectories(out);
        if (samples != null) {
            Files.createDirectories(samples);
        }
        Map<String, String> ids = identities(Inference.DATASET);
        List<String> photos = ids.keySet().stream().sorted().toList();
        long start = System.nanoTime();
        List<Capture> captures = captures(Inference.PHOTOS, photos, variants, samples);
        long missing = captures.stream().filter(c -> c.face() == null).count();
        System.out.printf(Locale.ROOT, "%d photos, %d identities, %d captures (%d without a face) in %.0f s%n",
                photos.size(), ids.values().stream().distinct().count(), captures.size(), missing,
                (System.nanoTime() - start) / 1e9);
        StringBuilder json = new StringBuilder("{\n  \"variants\": " + variants + ", \"photos\": " + photos.size()
                + ", \"captures_without_face\": " + missing + ",\n  \"models\": [");
        List<Calibrate.Report> testReports = new ArrayList<>();
        for (String model : models) {
            float[][] vectors = embed(Inference.embedder(model), captures);
            List<PairScorer.Pair> cal = pairs(captures, vectors, ids, true, variants);
            List<PairScorer.Pair> test = pairs(captures, vectors, ids, false, variants);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", "\"" + model + "\"");
            row.put("calibration_pairs", cal.size());
            row.put("calibration_genuine", cal.stream().filter(PairScorer.Pair::same).count());
            row.put("test_pairs", test.size());
            row.put("test_genuine", test.stream().filter(PairScorer.Pair::same).count());
            Calibrate.Report testRoc = null;
            for (double far : FARS) {
                Calibrate.Report c = Calibrate.report("degraded-calibration", model, cal, far);
                testRoc = Calibrate.report("degraded-test", model, test, far);
                double[] r = rates(test, c.thresholdAtTargetFar());
                String tag = far == 1e-3 ? "1e-3" : "1e-2";
                row.put("threshold_far_" + tag, String.format(Locale.ROOT, "%.4f", c.thresholdAtTargetFar()));
                row.put("test_tar_at_threshold_far_" + tag, String.format(Locale.ROOT, "%.4f", r[0]));
                row.put("test_far_at_threshold_far_" + tag, String.format(Locale.ROOT, "%.5f", r[1]));
                row.put("test_roc_tar_at_far_" + tag, String.format(Locale.ROOT, "%.4f", testRoc.tprAtTargetFar()));
            }
            row.put("test_auc", String.format(Locale.ROOT, "%.4f", testRoc.auc()));
            row.put("test_eer", String.format(Locale.ROOT, "%.4f", testRoc.eer()));
            testReports.add(testRoc);
            System.out.println(model + " " + row);
            json.append(testReports.size() > 1 ? "," : "").append("\n    {");
            row.forEach((k, v) -> json.append("\"").append(k).append("\": ").append(v).append(", "));
            json.setLength(json.length() - 2);
            json.append("}");
        }
        json.append("\n  ]\n}\n");
        Files.writeString(out.resolve("degraded-summary.json"), json);
        Calibrate.plot(testReports, out.resolve("degraded-test-roc.png"));
        System.out.println("written to " + out.toAbsolutePath());
        Inference.models().shutdown();
    }
}
