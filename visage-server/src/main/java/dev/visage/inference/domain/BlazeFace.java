package dev.visage.inference.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decodes the raw BlazeFace (back, 256) outputs with MediaPipe's SSD anchors, and merges
 * overlapping detections with (weighted) non-maximum suppression. Recipe: models/MODELS.md.
 */
public final class BlazeFace {

    /** Input side of the back model. */
    public static final int INPUT = 256;
    public static final int ANCHORS = 896;
    public static final int REGRESSORS = 16;

    /** The back-camera ("full range") model: 256 input, strides 16 and 32. */
    public static final BlazeFace BACK = new BlazeFace(256, 16, 32);
    /** The short-range model (facemesh-detection-short): 128 input, strides 8 and 16. */
    public static final BlazeFace SHORT = new BlazeFace(128, 8, 16);

    private final int input;
    /** (cx, cy) per anchor, normalised; grid×grid×2 then (grid/2)²×6, the row order of the outputs. */
    private final double[] anchorXy;

    private BlazeFace(int input, int stride0, int stride1) {
        this.input = input;
        this.anchorXy = new double[ANCHORS * 2];
        int n = 0;
        int[][] layers = {{stride0, 2}, {stride1, 6}};
        for (int[] layer : layers) {
            int grid = (int) Math.ceil((double) input / layer[0]);
            for (int y = 0; y < grid; y++) {
                for (int x = 0; x < grid; x++) {
                    for (int k = 0; k < layer[1]; k++) {
                        anchorXy[n++] = (x + 0.5) / grid;
                        anchorXy[n++] = (y + 0.5) / grid;
                    }
                }
            }
        }
    }

    public int input() {
        return input;
    }

    /**
     * Decodes batch item {@code b} of the back model's separate outputs; see
     * {@link #decode(float[], int, int, float[], int, int, int, double, double, double, double)}.
     */
    public static List<Detection> decode(float[] regressors, float[] logits, int b, double minScore,
                                         double originX, double originY, double side) {
        return BACK.decode(regressors, REGRESSORS, 0, logits, 1, 0, b, minScore, originX, originY, side);
    }

    /**
     * Decodes batch item {@code b}: keeps anchors with sigmoid(logit) ≥ minScore and maps their
     * normalised [0,1] coordinates of the model input to source pixels via
     * {@code src = originX + nx * side} (the input covered the square [originX, originX+side)).
     * Row i's 16 regressors start at {@code (b·896 + i)·regStride + regOffset}, its logit at
     * {@code (b·896 + i)·logitStride + logitOffset}.
     */
    public List<Detection> decode(float[] regressors, int regStride, int regOffset, float[] logits, int logitStride,
                                  int logitOffset, int b, double minScore, double originX, double originY,
                                  double side) {
        List<Detection> out = new ArrayList<>();
        double minLogit = Math.log(minScore / (1 - minScore));
        for (int i = 0; i < ANCHORS; i++) {
            float logit = logits[(b * ANCHORS + i) * logitStride + logitOffset];
            if (logit < minLogit) {
                continue;
            }
            double score = 1 / (1 + Math.exp(-Math.max(-100, Math.min(100, logit))));
            int r = (b * ANCHORS + i) * regStride + regOffset;
            double ax = anchorXy[2 * i];
            double ay = anchorXy[2 * i + 1];
            double cx = ax + regressors[r] / input;
            double cy = ay + regressors[r + 1] / input;
            double w = regressors[r + 2] / input;
            double h = regressors[r + 3] / input;
            double[] kp = new double[12];
            for (int k = 0; k < 6; k++) {
                kp[2 * k] = originX + (ax + regressors[r + 4 + 2 * k] / input) * side;
                kp[2 * k + 1] = originY + (ay + regressors[r + 5 + 2 * k] / input) * side;
            }
            out.add(new Detection(originX + (cx - w / 2) * side, originY + (cy - h / 2) * side,
                    w * side, h * side, score, kp));
        }
        return out;
    }

    /**
     * Decodes batch item {@code b} of a back-model pass over an input of any {@code height} ×
     * {@code width} (multiples of 32; the model is fully convolutional, see
     * models/convert/dynamic_spatial.py): a stride-16 grid with 2 anchors per cell, then a stride-32
     * grid with 6, in row order. Regressors are input pixels (what 1/256 of the normalised square
     * is at 256); source pixels are {@code origin + input pixels × scale}.
     */
    public static List<Detection> decodeGrid(float[] regressors, float[] logits, int b, int height, int width,
                                             double minScore, double originX, double originY, double scale) {
        int[][] layers = {{16, 2}, {32, 6}};
        int anchors = anchors(height, width);
        List<Detection> out = new ArrayList<>();
        double minLogit = Math.log(minScore / (1 - minScore));
        int i = 0;
        for (int[] layer : layers) {
            int stride = layer[0];
            int rows = height / stride;
            int cols = width / stride;
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    for (int k = 0; k < layer[1]; k++, i++) {
                        float logit = logits[b * anchors + i];
                        if (logit < minLogit) {
                            continue;
                        }
                        int r = (b * anchors + i) * REGRESSORS;
                        double ax = (x + 0.5) * stride;
                        double ay = (y + 0.5) * stride;
                        double w = regressors[r + 2] * scale;
                        double h = regressors[r + 3] * scale;
                        double cx = originX + (ax + regressors[r]) * scale;
                        double cy = originY + (ay + regressors[r + 1]) * scale;
                        double[] kp = new double[12];
                        for (int p = 0; p < 6; p++) {
                            kp[2 * p] = originX + (ax + regressors[r + 4 + 2 * p]) * scale;
                            kp[2 * p + 1] = originY + (ay + regressors[r + 5 + 2 * p]) * scale;
                        }
                        double score = 1 / (1 + Math.exp(-Math.max(-100, Math.min(100, logit))));
                        out.add(new Detection(cx - w / 2, cy - h / 2, w, h, score, kp));
                    }
                }
            }
        }
        return out;
    }

    /** Anchor rows of a back-model pass over height × width (multiples of 32). */
    public static int anchors(int height, int width) {
        return (height / 16) * (width / 16) * 2 + (height / 32) * (width / 32) * 6;
    }

    /**
     * Non-maximum suppression, highest score first. Weighted (MediaPipe's default): every
     * detection overlapping the best one by more than {@code iou} is averaged into it, weighted
     * by score, which steadies boxes and keypoints; plain: the overlapping ones are dropped.
     */
    public static List<Detection> nms(List<Detection> detections, double iou, boolean weighted) {
        List<Detection> rest = new ArrayList<>(detections);
        rest.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        while (!rest.isEmpty()) {
            Detection best = rest.get(0);
            List<Detection> cluster = new ArrayList<>();
            List<Detection> remaining = new ArrayList<>();
            for (Detection d : rest) {
                if (d == best || best.iou(d) > iou) {
                    cluster.add(d);
                } else {
                    remaining.add(d);
                }
            }
            kept.add(weighted ? average(cluster, best.score()) : best);
            rest = remaining;
        }
        return kept;
    }

    /**
     * Drops a detection lying mostly (more than {@code fraction} of its area) inside a larger,
     * better-scored one: NMS by IoU keeps such a box (its IoU with the big one is small), but it
     * is a face part (eye, mouth) seen as a face.
     */
    public static List<Detection> dropContained(List<Detection> detections, double fraction) {
        List<Detection> kept = new ArrayList<>();
        for (Detection d : detections) {
            boolean inside = false;
            for (Detection o : detections) {
                if (o != d && o.area() > d.area() && o.score() >= d.score()
                        && intersection(d, o) > fraction * d.area()) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                kept.add(d);
            }
        }
        return kept;
    }

    private static double intersection(Detection a, Detection b) {
        double ix = Math.min(a.x() + a.width(), b.x() + b.width()) - Math.max(a.x(), b.x());
        double iy = Math.min(a.y() + a.height(), b.y() + b.height()) - Math.max(a.y(), b.y());
        return ix <= 0 || iy <= 0 ? 0 : ix * iy;
    }

    private static Detection average(List<Detection> cluster, double score) {
        if (cluster.size() == 1) {
            return cluster.get(0);
        }
        double total = 0, x = 0, y = 0, x2 = 0, y2 = 0;
        double[] kp = new double[12];
        for (Detection d : cluster) {
            double s = d.score();
            total += s;
            x += s * d.x();
            y += s * d.y();
            x2 += s * (d.x() + d.width());
            y2 += s * (d.y() + d.height());
            for (int k = 0; k < 12; k++) {
                kp[k] += s * d.keypoints()[k];
            }
        }
        for (int k = 0; k < 12; k++) {
            kp[k] /= total;
        }
        return new Detection(x / total, y / total, (x2 - x) / total, (y2 - y) / total, score, kp);
    }
}
