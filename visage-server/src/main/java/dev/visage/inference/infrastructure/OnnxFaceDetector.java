package dev.visage.inference.infrastructure;

import ai.onnxruntime.OrtException;
import dev.visage.inference.domain.BlazeFace;
import dev.visage.inference.domain.Detection;
import dev.visage.inference.domain.FaceDetector;
import dev.visage.inference.domain.Resampler;
import dev.visage.inference.domain.RgbImage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * BlazeFace (back camera) in up to two batched calls: the whole photo letterboxed to 256×256,
 * the whole photo centred in a black frame (finds faces cut by the photo border, see
 * {@link #FRAME}), and — when the photo is so large that a face of
 * {@code visage.detector.min-face-px} would shrink below what the model can see at 256 — one
 * dense pass over the whole photo at the scale that face needs (the model is fully
 * convolutional: models/convert/dynamic_spatial.py). The dense pass replaced overlapping
 * 256×256 tiles at two pyramid levels: the same pixels once instead of about three times
 * (docs/BENCHMARKS.md, "Detection plan"). Results merge with NMS. A caller alone in the detector
 * runs the passes side by side on the {@link SpareCores}.
 */
@ApplicationScoped
public class OnnxFaceDetector implements FaceDetector {

    /**
     * Smallest face (model-input pixels) the whole-photo pass counts on: a deepface face pasted
     * at 8 px still scores 0.81, at 10 px 0.85; 10 keeps a margin.
     */
    static final double MODEL_MIN_FACE = 10;
    /**
     * Input pixels the smallest wanted face gets in the dense pass. 8 (score 0.81 for a pasted
     * face) instead of 10: the pass costs the square of it, and the 24 px face of a 2 MP photo
     * still lands at 9.6 px.
     */
    static final double DENSE_MIN_FACE = 8;
    /** Larger faces (input pixels) in the dense pass are left to the whole-photo pass, which sees them whole. */
    static final double DENSE_MAX_FACE = 128;
    /** Dense input sides are multiples of the model's coarsest stride. */
    static final int STRIDE = 32;
    /** min-face-px holds for photos up to this size; larger photos scale it with their side (bounded work). */
    static final double REFERENCE_PIXELS = 2_000_000;
    /**
     * Margin (fraction of the long side, on every side) of the second whole-photo pass. The first
     * pass pads only right and bottom, so a face cut by the left, top, right or bottom border sits
     * at the very edge of the model input, next to nothing or to a hard black edge; centred in a
     * frame of black it looks like what the model was trained on (a face near, not at, the
     * frame's edge). Measured on selfie-many-people.jpg: the half face at the bottom-left edge
     * scores 0.47 only with this frame; the 64 deepface photos' other detections are unchanged.
     */
    static final double FRAME = 0.15;

    private final OnnxModels models;
    private final SpareCores spareCores;
    private final double iou;
    private final boolean weighted;
    private final double minFacePx;
    private final double verifyBelow;
    private final double verifierMinScore;

    @Inject
    public OnnxFaceDetector(OnnxModels models, SpareCores spareCores,
                            @ConfigProperty(name = "visage.detector.nms-iou", defaultValue = "0.3") double iou,
                            @ConfigProperty(name = "visage.detector.weighted-nms", defaultValue = "true") boolean weighted,
                            @ConfigProperty(name = "visage.detector.min-face-px", defaultValue = "20") double minFacePx,
                            @ConfigProperty(name = "visage.detector.verify-below", defaultValue = "0.8") double verifyBelow,
                            @ConfigProperty(name = "visage.detector.verifier-min-score", defaultValue = "0.5")
                            double verifierMinScore) {
        this.models = models;
        this.spareCores = spareCores;
        this.iou = iou;
        this.weighted = weighted;
        this.minFacePx = minFacePx;
        this.verifyBelow = verifyBelow;
        this.verifierMinScore = verifierMinScore;
    }

    /** For CDI proxies only. */
    protected OnnxFaceDetector() {
        this(null, null, 0.3, true, 20, 0.8, 0.5);
    }

    /**
     * The dense pass: an input of height × width covering the photo from its top-left corner,
     * {@code scale} source pixels per input pixel (the part past the photo is black).
     */
    record Dense(int height, int width, double scale) {
        /** Faces this large (source pixels) are the whole-photo pass's. */
        double maxFace() {
            return DENSE_MAX_FACE * scale;
        }
    }

    /** The dense pass this photo needs, if the whole-photo pass cannot see its smallest wanted face. */
    static Optional<Dense> dense(int width, int height, double minFacePx) {
        double side = Math.max(width, height);
        double minFace = minFacePx * Math.max(1, Math.sqrt((double) width * height / REFERENCE_PIXELS));
        // 15 % slack: MODEL_MIN_FACE has margin, and a whole extra pass for a few pixels is not worth it
        if (side * MODEL_MIN_FACE / BlazeFace.INPUT <= 1.15 * minFace) {
            return Optional.empty();
        }
        double inputPerSource = Math.min(1, DENSE_MIN_FACE / minFace);
        int w = (int) Math.ceil(width * inputPerSource / STRIDE) * STRIDE;
        int h = (int) Math.ceil(height * inputPerSource / STRIDE) * STRIDE;
        return Optional.of(new Dense(h, w, 1 / inputPerSource));
    }

    @Override
    public List<Detection> detect(RgbImage image, double minScore) {
        return detect(image, minScore, minFacePx);
    }

    @Override
    public List<Detection> detect(RgbImage image, double minScore, double smallestFace) {
        Optional<Dense> dense = dense(image.width(), image.height(), smallestFace);
        // Every pass shrinks the photo by at least this whole factor: box-filter it once and let the
        // passes resample the small copy (the same low-pass; the resampling was most of the Java
        // time of detection, docs/BENCHMARKS.md).
        double coarsest = Math.max(image.width(), image.height()) / (double) BlazeFace.INPUT;
        int factor = (int) Math.floor(Math.min(coarsest, dense.map(Dense::scale).orElse(coarsest)));
        Source source = factor >= 2 ? new Source(Resampler.boxShrink(image, 0, 0,
                (image.width() + factor - 1) / factor, (image.height() + factor - 1) / factor, factor), factor)
                : new Source(image, 1);
        double[][] squares = squares(image);
        List<Supplier<List<Detection>>> passes = new ArrayList<>();
        List<Detection> all = new ArrayList<>();
        try (SpareCores.Claim claim = spareCores.claim()) {
            if (claim.alone() && dense.isEmpty()) {
                // two cores, two whole-photo inputs: one each instead of one batch of two
                for (double[] square : squares) {
                    passes.add(() -> whole(source, new double[][] {square}, minScore));
                }
            } else {
                passes.add(() -> whole(source, squares, minScore));
                dense.ifPresent(d -> passes.add(() -> dense(source, d, minScore)));
            }
            claim.all(passes).forEach(all::addAll);
        }
        return verify(image, BlazeFace.dropContained(BlazeFace.nms(all, iou, weighted), 0.5));
    }

    /** The photo the passes resample: the photo itself, or a copy box-filtered by a whole factor. */
    private record Source(RgbImage pixels, int factor) {
        void region(double x, double y, double w, double h, int outW, int outH, float[] out, int offset) {
            Resampler.region(pixels, x / factor, y / factor, w / factor, h / factor, outW, outH, out, offset);
        }
    }

    /**
     * The two whole-photo inputs as (x, y, side) squares of the photo: letterboxed (padded right and
     * bottom), and centred in a frame.
     */
    private static double[][] squares(RgbImage image) {
        double side = Math.max(image.width(), image.height());
        double framed = side * (1 + 2 * FRAME);
        return new double[][] {{0, 0, side}, {(image.width() - framed) / 2, (image.height() - framed) / 2, framed}};
    }

    /** Whole-photo passes over the given squares, as one batch. */
    private List<Detection> whole(Source source, double[][] squares, double minScore) {
        int in = BlazeFace.INPUT;
        int px = in * in * 3;
        float[] input = new float[squares.length * px];
        for (int b = 0; b < squares.length; b++) {
            double[] q = squares[b];
            source.region(q[0], q[1], q[2], q[2], in, in, input, b * px);
        }
        Map<String, float[]> out = run(input, squares.length, in, in);
        List<Detection> found = new ArrayList<>();
        for (int b = 0; b < squares.length; b++) {
            double[] q = squares[b];
            found.addAll(BlazeFace.decode(out.get("regressors"), out.get("classificators"), b, minScore, q[0], q[1],
                    q[2]));
        }
        return found;
    }

    private List<Detection> dense(Source source, Dense d, double minScore) {
        float[] input = new float[d.height() * d.width() * 3];
        source.region(0, 0, d.width() * d.scale(), d.height() * d.scale(), d.width(), d.height(), input, 0);
        Map<String, float[]> out = run(input, 1, d.height(), d.width());
        return BlazeFace.decodeGrid(out.get("regressors"), out.get("classificators"), 0, d.height(), d.width(),
                minScore, 0, 0, d.scale()).stream()
                .filter(f -> Math.max(f.width(), f.height()) < d.maxFace()).toList();
    }

    /** The back model on inputs in 0..255, normalised here to [-1, 1] as it was trained. */
    private Map<String, float[]> run(float[] input, int n, int height, int width) {
        for (int i = 0; i < input.length; i++) {
            input[i] = input[i] / 127.5f - 1f;
        }
        try {
            return models.run(OnnxModels.DETECTOR, input, n, height, width);
        } catch (OrtException e) {
            throw new IllegalStateException("face detection failed: " + e.getMessage(), e);
        }
    }

    /**
     * Detections scoring below {@code verify-below} get a second opinion from the short-range
     * BlazeFace on a crop twice the face's size around it: logos, hair and textures that fool
     * one model at 0.5–0.65 rarely fool the other, while real faces score high in both.
     * <p>
     * A face {@linkplain #cut cut by the photo border} loses the context both models rely on:
     * part of it is black padding, and the 2× crop is mostly padding. Such a face is also
     * looked at on a tight crop (1.2× the box), the better of the two verifier scores counts,
     * and the verifier's threshold is scaled by the fraction of the box inside the photo (it
     * cannot be more sure of a face than the part it sees). The back model's score must still
     * reach the normal min-score. On selfie-many-people.jpg this keeps the selfie-taker cut by
     * the right border (61 % inside, verifier 0.44 on the tight crop) and the half face at the
     * bottom-left edge (41 % inside, verifier 0.27); no other deepface photo changes.
     */
    private List<Detection> verify(RgbImage image, List<Detection> candidates) {
        List<Detection> doubtful = candidates.stream().filter(d -> d.score() < verifyBelow).toList();
        if (doubtful.isEmpty()) {
            return candidates;
        }
        List<double[]> crops = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<Integer> tight = new ArrayList<>();
        for (int i = 0; i < doubtful.size(); i++) {
            Detection d = doubtful.get(i);
            boolean cut = cut(d, image);
            for (double f : cut ? new double[] {2, 1.2} : new double[] {2}) {
                double s = f * Math.max(d.width(), d.height());
                crops.add(new double[] {d.x() + d.width() / 2 - s / 2, d.y() + d.height() / 2 - s / 2, s});
                owner.add(i);
                tight.add(f < 2 ? 1 : 0);
            }
        }
        int side = BlazeFace.SHORT.input();
        int px = side * side * 3;
        float[] input = new float[crops.size() * px];
        for (int c = 0; c < crops.size(); c++) {
            double[] r = crops.get(c);
            Resampler.region(image, r[0], r[1], r[2], r[2], side, side, input, c * px);
        }
        for (int i = 0; i < input.length; i++) {
            input[i] = input[i] / 127.5f - 1f;
        }
        float[] out;
        try {
            out = models.run(OnnxModels.VERIFIER, input, crops.size(), side).get("detections");
        } catch (OrtException e) {
            throw new IllegalStateException("face verification failed: " + e.getMessage(), e);
        }
        double[][] best = new double[doubtful.size()][2];
        for (int c = 0; c < crops.size(); c++) {
            Detection d = doubtful.get(owner.get(c));
            double[] r = crops.get(c);
            double v = BlazeFace.SHORT.decode(out, 17, 1, out, 17, 0, c, 0.1, r[0], r[1], r[2]).stream()
                    .filter(x -> x.iou(d) > 0.3).mapToDouble(Detection::score).max().orElse(0);
            best[owner.get(c)][tight.get(c)] = v;
        }
        List<Detection> rejected = new ArrayList<>();
        for (int i = 0; i < doubtful.size(); i++) {
            Detection d = doubtful.get(i);
            double inside = inImage(d, image);
            // a cut face: the verifier's evidence scales with the part of the face it can see
            double needed = cut(d, image) ? verifierMinScore * inside : verifierMinScore;
            if (Math.max(best[i][0], best[i][1]) < needed) {
                rejected.add(d);
            }
        }
        return candidates.stream().filter(d -> !rejected.contains(d)).toList();
    }

    /**
     * A face cut by the photo border: at least half of its six keypoints lie outside the photo.
     * (Whole faces near the border, and the textures at the border that BlazeFace-back takes
     * for faces, keep their eyes, nose and mouth inside; on the deepface photos such boxes have
     * at most 2 keypoints outside, the two cut faces of selfie-many-people.jpg have 3.)
     */
    static boolean cut(Detection d, RgbImage image) {
        int outside = 0;
        for (int k = 0; k < 6; k++) {
            if (d.kx(k) < 0 || d.ky(k) < 0 || d.kx(k) >= image.width() || d.ky(k) >= image.height()) {
                outside++;
            }
        }
        return outside >= 3;
    }

    /** Fraction of the box's area inside the photo. */
    static double inImage(Detection d, RgbImage image) {
        double ix = Math.min(d.x() + d.width(), image.width()) - Math.max(d.x(), 0);
        double iy = Math.min(d.y() + d.height(), image.height()) - Math.max(d.y(), 0);
        return ix <= 0 || iy <= 0 ? 0 : ix * iy / d.area();
    }
}
