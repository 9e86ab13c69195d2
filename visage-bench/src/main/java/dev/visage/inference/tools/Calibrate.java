package dev.visage.inference.tools;

import dev.visage.inference.Inference;
import dev.visage.inference.PairScorer;
import dev.visage.inference.PairScorer.Pair;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Verification calibration on a deepface-style pairs file (file_x,file_y,Decision): the
 * largest face of each photo, embedded with each recogniser; cosine similarity per pair;
 * ROC points, AUC, EER, the threshold at a target FAR and the best-accuracy threshold,
 * written as JSON plus a ROC plot (PNG). Used by scripts/calibrate.sh and the accuracy test.
 *
 * <p>Usage: {@code Calibrate [pairs.csv] [images-dir] [out-dir] [models=faceres,mobileface] [target-far=0.01]
 * [fixed-thresholds]}; fixed-thresholds (e.g. {@code faceres=0.64,faceapi=0.921}, chosen on another pairs
 * file) also prints each model's accuracy at its fixed threshold.
 */
public final class Calibrate {

    public record RocPoint(double threshold, double tpr, double fpr) {
    }

    /** The summary written per pairs file and model. */
    public record Report(String pairsFile, String model, int pairs, int same, int missingFaces, double auc,
                         double eer, double eerThreshold, double targetFar, double thresholdAtTargetFar,
                         double tprAtTargetFar, double bestAccuracy, double bestThreshold, List<RocPoint> roc) {
    }

    public static Report report(String pairsFile, String model, List<Pair> pairs, double targetFar) {
        List<Pair> sorted = new ArrayList<>(pairs);
        sorted.sort((x, y) -> Double.compare(y.score(), x.score()));
        int pos = (int) pairs.stream().filter(Pair::same).count();
        int neg = pairs.size() - pos;
        List<RocPoint> roc = new ArrayList<>();
        roc.add(new RocPoint(Double.POSITIVE_INFINITY, 0, 0));
        int tp = 0, fp = 0;
        double auc = 0, prevTpr = 0, prevFpr = 0;
        double eer = 1, eerThreshold = 1, eerGap = Double.MAX_VALUE;
        double thrAtFar = Double.POSITIVE_INFINITY, tprAtFar = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).same()) {
                tp++;
            } else {
                fp++;
            }
            // only at the end of a run of equal scores is the threshold a real operating point
            if (i + 1 < sorted.size() && sorted.get(i + 1).score() == sorted.get(i).score()) {
                continue;
            }
            double t = sorted.get(i).score();
            double tpr = (double) tp / pos;
            double fpr = (double) fp / neg;
            auc += (fpr - prevFpr) * (tpr + prevTpr) / 2;
            prevTpr = tpr;
            prevFpr = fpr;
            roc.add(new RocPoint(t, tpr, fpr));
            double fnr = 1 - tpr;
            if (Math.abs(fpr - fnr) < eerGap) {
                eerGap = Math.abs(fpr - fnr);
                eer = (fpr + fnr) / 2;
                eerThreshold = t;
            }
            if (fpr <= targetFar) {
                thrAtFar = t;
                tprAtFar = tpr;
            }
        }
        // best accuracy: thresholds halfway between consecutive distinct scores; the middle of the best run
        double best = -1, bestT = 0;
        List<Double> candidates = new ArrayList<>();
        for (int i = 0; i + 1 < sorted.size(); i++) {
            if (sorted.get(i).score() != sorted.get(i + 1).score()) {
                candidates.add((sorted.get(i).score() + sorted.get(i + 1).score()) / 2);
            }
        }
        candidates.add(sorted.get(0).score() + 1e-6);
        candidates.add(sorted.get(sorted.size() - 1).score() - 1e-6);
        candidates.sort(Double::compare);
        double runStart = Double.NaN, runEnd = Double.NaN;
        for (double t : candidates) {
            double acc = PairScorer.accuracy(pairs, t);
            if (acc > best + 1e-12) {
                best = acc;
                runStart = t;
                runEnd = t;
            } else if (Math.abs(acc - best) <= 1e-12 && runEnd == previous(candidates, t)) {
                runEnd = t;
            }
        }
        bestT = best < 0 ? 0 : midpointOfGap(sorted, runStart, runEnd);
        int missing = (int) pairs.stream().filter(p -> p.score() == -1).count();
        return new Report(pairsFile, model, pairs.size(), pos, missing, auc, eer, eerThreshold, targetFar, thrAtFar,
                tprAtFar, best, bestT, roc);
    }

    private static double previous(List<Double> sortedCandidates, double t) {
        int i = sortedCandidates.indexOf(t);
        return i > 0 ? sortedCandidates.get(i - 1) : Double.NaN;
    }

    /**
     * The best-accuracy thresholds form a run [start, end] of midpoints; the scores just below
     * start and just above end bound the gap — its middle is the most robust threshold.
     */
    private static double midpointOfGap(List<Pair> sortedDesc, double start, double end) {
        double below = Double.NEGATIVE_INFINITY, above = Double.POSITIVE_INFINITY;
        for (Pair p : sortedDesc) {
            if (p.score() < start) {
                below = Math.max(below, p.score());
            }
            if (p.score() > end) {
                above = Math.min(above, p.score());
            }
        }
        if (Double.isInfinite(below) || Double.isInfinite(above)) {
            return (start + end) / 2;
        }
        return (below + above) / 2;
    }

    static String json(Report r) {
        StringBuilder roc = new StringBuilder();
        for (RocPoint p : r.roc()) {
            if (roc.length() > 0) {
                roc.append(",\n    ");
            }
            roc.append(String.format(Locale.ROOT, "{\"threshold\": %s, \"tpr\": %.5f, \"fpr\": %.5f}",
                    Double.isInfinite(p.threshold()) ? "null" : String.format(Locale.ROOT, "%.5f", p.threshold()),
                    p.tpr(), p.fpr()));
        }
        return String.format(Locale.ROOT, """
                {
                  "pairs_file": "%s",
                  "model": "%s",
                  "pairs": %d,
                  "same": %d,
                  "pairs_with_missing_face": %d,
                  "auc": %.5f,
                  "eer": %.5f,
                  "eer_threshold": %.5f,
                  "target_far": %.4f,
                  "threshold_at_target_far": %s,
                  "tpr_at_target_far": %.5f,
                  "best_accuracy": %.5f,
                  "best_accuracy_threshold": %.5f,
                  "roc": [
                    %s
                  ]
                }
                """, r.pairsFile(), r.model(), r.pairs(), r.same(), r.missingFaces(), r.auc(), r.eer(),
                r.eerThreshold(), r.targetFar(),
                Double.isInfinite(r.thresholdAtTargetFar()) ? "null"
                        : String.format(Locale.ROOT, "%.5f", r.thresholdAtTargetFar()),
                r.tprAtTargetFar(), r.bestAccuracy(), r.bestThreshold(), roc);
    }

    /** ROC curves of several reports in one Java2D plot. */
    static void plot(List<Report> reports, Path png) throws IOException {
        int w = 640, h = 560, m = 60, side = 440;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(225, 225, 225));
        for (int i = 0; i <= 10; i++) {
            int x = m + i * side / 10, y = m + i * side / 10;
            g.drawLine(x, m, x, m + side);
            g.drawLine(m, y, m + side, y);
        }
        g.setColor(Color.BLACK);
        g.drawRect(m, m, side, side);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 10; i += 2) {
            String s = String.format(Locale.ROOT, "%.1f", i / 10.0);
            g.drawString(s, m + i * side / 10 - 8, m + side + 16);
            g.drawString(s, m - 28, m + side - i * side / 10 + 4);
        }
        g.drawString("false accept rate (FPR)", m + side / 2 - 60, m + side + 36);
        g.drawString("TPR", 12, m + side / 2);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("ROC — " + reports.get(0).pairsFile(), m, 36);
        Color[] colors = {new Color(0, 90, 200), new Color(220, 80, 0), new Color(0, 150, 60), Color.MAGENTA,
            new Color(120, 60, 0), Color.DARK_GRAY};
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i < reports.size(); i++) {
            Report r = reports.get(i);
            g.setColor(colors[i % colors.length]);
            g.setStroke(new BasicStroke(2f));
            int px = m, py = m + side;
            for (RocPoint p : r.roc()) {
                int x = m + (int) Math.round(p.fpr() * side);
                int y = m + side - (int) Math.round(p.tpr() * side);
                g.drawLine(px, py, x, y);
                px = x;
                py = y;
            }
            g.drawLine(px, py, m + side, m);
            g.drawString(String.format(Locale.ROOT, "%s  AUC %.4f  EER %.3f  best acc %.3f @ %.3f", r.model(),
                    r.auc(), r.eer(), r.bestAccuracy(), r.bestThreshold()), m + 10, m + side - 20 - 18 * i);
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    public static void main(String[] args) throws Exception {
        Path pairs = Path.of(args.length > 0 ? args[0] : Inference.DATASET.resolve("pairs.csv").toString());
        Path images = Path.of(args.length > 1 ? args[1] : Inference.PHOTOS.toString());
        Path out = Path.of(args.length > 2 ? args[2] : "target/calibration");
        String[] models = (args.length > 3 ? args[3] : "faceres,mobileface").split(",");
        // one or more target FARs (0.001,0.01): the threshold is reported for each, the first goes into the JSON
        String[] fars = (args.length > 4 ? args[4] : "0.01").split(",");
        double targetFar = Double.parseDouble(fars[0]);
        Map<String, Double> fixed = new HashMap<>();
        if (args.length > 5 && !args[5].isBlank()) {
            for (String kv : args[5].split(",")) {
                String[] p = kv.split("=");
                fixed.put(p[0].trim(), Double.parseDouble(p[1].trim()));
            }
        }
        Files.createDirectories(out);
        String name = pairs.getFileName().toString().replaceFirst("\\.csv$", "");
        List<Report> reports = new ArrayList<>();
        for (String model : models) {
            PairScorer c = new PairScorer(Inference.analyzer(model), images);
            List<Pair> scored = c.score(pairs);
            Report r = report(pairs.getFileName().toString(), model, scored, targetFar);
            if (fixed.containsKey(model)) {
                System.out.printf(Locale.ROOT, "%s %-10s accuracy at fixed threshold %.4f: %.4f%n",
                        r.pairsFile(), model, fixed.get(model), PairScorer.accuracy(scored, fixed.get(model)));
            }
            reports.add(r);
            Files.writeString(out.resolve(name + "-" + model + ".json"), json(r));
            System.out.printf(Locale.ROOT,
                    "%s %-10s pairs=%d same=%d missing=%d AUC=%.4f EER=%.4f@%.3f best_acc=%.4f@%.4f "
                            + "thr@FAR%.2f=%.4f (TPR %.3f)%n",
                    r.pairsFile(), model, r.pairs(), r.same(), r.missingFaces(), r.auc(), r.eer(), r.eerThreshold(),
                    r.bestAccuracy(), r.bestThreshold(), targetFar, r.thresholdAtTargetFar(), r.tprAtTargetFar());
            for (int i = 1; i < fars.length; i++) {
                Report other = report(pairs.getFileName().toString(), model, scored, Double.parseDouble(fars[i]));
                System.out.printf(Locale.ROOT, "%s %-10s threshold at FAR %s: %.4f (TPR %.3f)%n", r.pairsFile(), model,
                        fars[i], other.thresholdAtTargetFar(), other.tprAtTargetFar());
            }
        }
        plot(reports, out.resolve(name + "-roc.png"));
        System.out.println("written to " + out.toAbsolutePath());
        Inference.models().shutdown();
    }
}
