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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * BlazeFace (back camera, 256) on the whole photo letterboxed to a square, plus — when the
 * photo is so large that a face of {@code visage.detector.min-face-px} would shrink below
 * what the model can see at 256 — overlapping tiles at finer scales (an image pyramid built
 * from tiles). All inputs go through the model as one batch; results merge with NMS.
 */
@ApplicationScoped
public class OnnxFaceDetector implements FaceDetector {

    /**
     * Smallest face (model-input pixels, of 256) BlazeFace-back finds reliably: a deepface face
     * pasted at 8 px still scores 0.81, at 10 px 0.85; 10 keeps a margin.
     */
    static final double MODEL_MIN_FACE = 10;
    /** min-face-px holds for photos up to this size; larger photos scale it with their side (bounded tile count). */
    static final double REFERENCE_PIXELS = 2_000_000;
    /** Tile side ratio between pyramid levels. */
    static final double LEVEL_RATIO = 3;
    /** Tiles overlap by this fraction so that faces cut by one tile lie whole in a neighbour. */
    static final double OVERLAP = 0.3;
    /** Larger faces in a tile are left to the coarser level (which sees them whole). */
    static final double MAX_FACE_IN_TILE = 0.5;
    private static final int MAX_BATCH = 16;

    private final OnnxModels models;
    private final double iou;
    private final boolean weighted;
    private final double minFacePx;
    private final double verifyBelow;
    private final double verifierMinScore;

    @Inject
    public OnnxFaceDetector(OnnxModels models,
                            @ConfigProperty(name = "visage.detector.nms-iou", defaultValue = "0.3") double iou,
                            @ConfigProperty(name = "visage.detector.weighted-nms", defaultValue = "true") boolean weighted,
                            @ConfigProperty(name = "visage.detector.min-face-px", defaultValue = "20") double minFacePx,
                            @ConfigProperty(name = "visage.detector.verify-below", defaultValue = "0.8") double verifyBelow,
                            @ConfigProperty(name = "visage.detector.verifier-min-score", defaultValue = "0.5")
                            double verifierMinScore) {
        this.models = models;
        this.iou = iou;
        this.weighted = weighted;
        this.minFacePx = minFacePx;
        this.verifyBelow = verifyBelow;
        this.verifierMinScore = verifierMinScore;
    }

    /** For CDI proxies only. */
    protected OnnxFaceDetector() {
        this(null, 0.3, true, 20, 0.8, 0.5);
    }

    /**
     * One square model input: the photo region [x, x+side) × [y, y+side). {@code maxFace}: faces
     * at least this large are left to the coarser level, which sees them whole (and a tile
     * cutting through a big face tends to "find" an eye or a mouth as a face).
     */
    record Tile(double x, double y, double side, double maxFace) {
        boolean whole() {
            return maxFace == Double.POSITIVE_INFINITY;
        }
    }

    /**
     * The whole photo letterboxed, then levels of overlapping tiles, each LEVEL_RATIO finer, until
     * the smallest wanted face is at least MODEL_MIN_FACE input pixels.
     */
    List<Tile> plan(int width, int height) {
        List<Tile> tiles = new ArrayList<>();
        double side = Math.max(width, height);
        tiles.add(new Tile(0, 0, side, Double.POSITIVE_INFINITY));
        double minFace = minFacePx * Math.max(1, Math.sqrt((double) width * height / REFERENCE_PIXELS));
        double finest = Math.max(minFace * BlazeFace.INPUT / MODEL_MIN_FACE, BlazeFace.INPUT);
        double level = side;
        // 15 % slack: MODEL_MIN_FACE has margin, and a whole extra level for a few pixels is not worth it
        while (level * MODEL_MIN_FACE / BlazeFace.INPUT > 1.15 * minFace && level > finest) {
            level = Math.max(level / LEVEL_RATIO, finest);
            double maxFace = MAX_FACE_IN_TILE * level;
            for (double y : starts(height, level)) {
                for (double x : starts(width, level)) {
                    tiles.add(new Tile(x, y, level, maxFace));
                }
            }
        }
        return tiles;
    }

    private static List<Double> starts(int length, double tile) {
        List<Double> starts = new ArrayList<>();
        if (length <= tile) {
            starts.add(0.0);
            return starts;
        }
        int count = (int) Math.ceil((length - tile) / (tile * (1 - OVERLAP))) + 1;
        double stride = (length - tile) / (count - 1);
        for (int i = 0; i < count; i++) {
            starts.add(i * stride);
        }
        return starts;
    }

    @Override
    public List<Detection> detect(RgbImage image, double minScore) {
        List<Tile> tiles = plan(image.width(), image.height());
        int px = BlazeFace.INPUT * BlazeFace.INPUT * 3;
        List<Detection> all = new ArrayList<>();
        for (int from = 0; from < tiles.size(); from += MAX_BATCH) {
            List<Tile> batch = tiles.subList(from, Math.min(tiles.size(), from + MAX_BATCH));
            float[] input = new float[batch.size() * px];
            for (int b = 0; b < batch.size(); b++) {
                Tile t = batch.get(b);
                Resampler.region(image, t.x(), t.y(), t.side(), t.side(), BlazeFace.INPUT, BlazeFace.INPUT, input, b * px);
            }
            for (int i = 0; i < input.length; i++) {
                input[i] = input[i] / 127.5f - 1f;
            }
            float[] regressors;
            float[] logits;
            try {
                var out = models.run(OnnxModels.DETECTOR, input, batch.size(), BlazeFace.INPUT);
                regressors = out.get("regressors");
                logits = out.get("classificators");
            } catch (OrtException e) {
                throw new IllegalStateException("face detection failed: " + e.getMessage(), e);
            }
            for (int b = 0; b < batch.size(); b++) {
                Tile t = batch.get(b);
                for (Detection d : BlazeFace.decode(regressors, logits, b, minScore, t.x(), t.y(), t.side())) {
                    if (t.whole() || (Math.max(d.width(), d.height()) < t.maxFace() && insideTile(d, t, image))) {
                        all.add(d);
                    }
                }
            }
        }
        return verify(image, BlazeFace.dropContained(BlazeFace.nms(all, iou, weighted), 0.5));
    }

    /**
     * Detections scoring below {@code verify-below} get a second opinion from the short-range
     * BlazeFace on a crop twice the face's size around it: logos, hair and textures that fool
     * one model at 0.5–0.65 rarely fool the other, while real faces (also those cut by the photo
     * border) score high in both.
     */
    private List<Detection> verify(RgbImage image, List<Detection> candidates) {
        List<Detection> doubtful = candidates.stream().filter(d -> d.score() < verifyBelow).toList();
        if (doubtful.isEmpty()) {
            return candidates;
        }
        int side = BlazeFace.SHORT.input();
        int px = side * side * 3;
        float[] input = new float[doubtful.size() * px];
        double[][] crops = new double[doubtful.size()][];
        for (int i = 0; i < doubtful.size(); i++) {
            Detection d = doubtful.get(i);
            double s = 2 * Math.max(d.width(), d.height());
            double x = d.x() + d.width() / 2 - s / 2;
            double y = d.y() + d.height() / 2 - s / 2;
            crops[i] = new double[] {x, y, s};
            Resampler.region(image, x, y, s, s, side, side, input, i * px);
        }
        for (int i = 0; i < input.length; i++) {
            input[i] = input[i] / 127.5f - 1f;
        }
        float[] out;
        try {
            out = models.run(OnnxModels.VERIFIER, input, doubtful.size(), side).get("detections");
        } catch (OrtException e) {
            throw new IllegalStateException("face verification failed: " + e.getMessage(), e);
        }
        List<Detection> rejected = new ArrayList<>();
        for (int i = 0; i < doubtful.size(); i++) {
            Detection d = doubtful.get(i);
            boolean confirmed = BlazeFace.SHORT.decode(out, 17, 1, out, 17, 0, i, verifierMinScore,
                    crops[i][0], crops[i][1], crops[i][2]).stream().anyMatch(v -> v.iou(d) > 0.3);
            if (!confirmed) {
                rejected.add(d);
            }
        }
        return candidates.stream().filter(d -> !rejected.contains(d)).toList();
    }

    /**
     * A face touching a tile's inner edge is probably cut by it; the overlapping neighbour (or a
     * coarser level) sees it whole, so the cut one is dropped. Edges on the photo border count as inside.
     */
    private static boolean insideTile(Detection d, Tile t, RgbImage image) {
        double margin = 0.02 * t.side();
        boolean left = t.x() <= 0 || d.x() > t.x() + margin;
        boolean top = t.y() <= 0 || d.y() > t.y() + margin;
        boolean right = t.x() + t.side() >= image.width() || d.x() + d.width() < t.x() + t.side() - margin;
        boolean bottom = t.y() + t.side() >= image.height() || d.y() + d.height() < t.y() + t.side() - margin;
        return left && top && right && bottom;
    }
}
