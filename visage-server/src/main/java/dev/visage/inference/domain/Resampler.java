package dev.visage.inference.domain;

/**
 * Separable resampling of an axis-aligned region of an {@link RgbImage} into a float HWC
 * buffer (values 0..255). Shrinking averages the covered area (box filter with fractional
 * edges, so a 4000 px photo letterboxed to 256 does not alias); enlarging is bilinear.
 * Pixel (i, j) is centred at (i + 0.5, j + 0.5); samples outside the image are black,
 * which is exactly the letterbox padding.
 */
public final class Resampler {

    private Resampler() {
    }

    /**
     * Resamples the region [x0, x0 + regionW) × [y0, y0 + regionH) (source pixels, may extend
     * past the image) to outW × outH and writes it into {@code out} at {@code offset}.
     */
    public static void region(RgbImage src, double x0, double y0, double regionW, double regionH,
                              int outW, int outH, float[] out, int offset) {
        Kernel kx = Kernel.of(x0, regionW, outW, src.width());
        Kernel ky = Kernel.of(y0, regionH, outH, src.height());
        int w = src.width();
        byte[] rgb = src.rgb();
        // Horizontal pass only over the source rows the vertical kernel touches.
        int rowFrom = ky.minIndex();
        int rowTo = ky.maxIndex();
        int rows = Math.max(0, rowTo - rowFrom + 1);
        float[] tmp = new float[rows * outW * 3];
        for (int r = 0; r < rows; r++) {
            int srcRow = (rowFrom + r) * w * 3;
            int t = r * outW * 3;
            for (int o = 0; o < outW; o++, t += 3) {
                float sr = 0, sg = 0, sb = 0;
                for (int k = kx.start[o]; k < kx.start[o + 1]; k++) {
                    int p = srcRow + kx.index[k] * 3;
                    float wt = kx.weight[k];
                    sr += wt * (rgb[p] & 0xff);
                    sg += wt * (rgb[p + 1] & 0xff);
                    sb += wt * (rgb[p + 2] & 0xff);
                }
                tmp[t] = sr;
                tmp[t + 1] = sg;
                tmp[t + 2] = sb;
            }
        }
        for (int o = 0; o < outH; o++) {
            int dst = offset + o * outW * 3;
            java.util.Arrays.fill(out, dst, dst + outW * 3, 0f);
            for (int k = ky.start[o]; k < ky.start[o + 1]; k++) {
                int t = (ky.index[k] - rowFrom) * outW * 3;
                float wt = ky.weight[k];
                for (int i = 0; i < outW * 3; i++) {
                    out[dst + i] += wt * tmp[t + i];
                }
            }
        }
    }

    /** The w×h image whose pixel (i, j) averages the factor×factor photo pixels from (x0 + i·factor, y0 + j·factor); outside the photo is black. */
    public static RgbImage boxShrink(RgbImage image, int x0, int y0, int w, int h, int factor) {
        int[] sums = new int[w * 3];
        byte[] rgb = image.rgb();
        byte[] out = new byte[w * h * 3];
        float norm = 1f / (factor * factor);
        for (int j = 0; j < h; j++) {
            java.util.Arrays.fill(sums, 0);
            for (int dy = 0; dy < factor; dy++) {
                int y = y0 + j * factor + dy;
                if (y < 0 || y >= image.height()) {
                    continue;
                }
                int row = y * image.width() * 3;
                // whole output columns inside the photo: no per-pixel bounds checks or divisions
                int firstFull = Math.max(0, (-x0 + factor - 1) / factor);
                int lastFull = Math.min(w, (image.width() - x0) / factor);
                for (int i = firstFull; i < lastFull; i++) {
                    int p = row + (x0 + i * factor) * 3;
                    int r = 0, g = 0, b = 0;
                    for (int k = 0; k < factor; k++, p += 3) {
                        r += rgb[p] & 0xff;
                        g += rgb[p + 1] & 0xff;
                        b += rgb[p + 2] & 0xff;
                    }
                    sums[i * 3] += r;
                    sums[i * 3 + 1] += g;
                    sums[i * 3 + 2] += b;
                }
                // the columns the photo's border cuts (outside is black)
                for (int i = 0; i < w; i++) {
                    if (i >= firstFull && i < lastFull) {
                        continue;
                    }
                    for (int k = 0; k < factor; k++) {
                        int x = x0 + i * factor + k;
                        if (x >= 0 && x < image.width()) {
                            int p = row + x * 3;
                            sums[i * 3] += rgb[p] & 0xff;
                            sums[i * 3 + 1] += rgb[p + 1] & 0xff;
                            sums[i * 3 + 2] += rgb[p + 2] & 0xff;
                        }
                    }
                }
            }
            for (int i = 0; i < w * 3; i++) {
                out[j * w * 3 + i] = (byte) Math.round(sums[i] * norm);
            }
        }
        return new RgbImage(w, h, out);
    }

    /** Per output index: contributing source indices and weights (CSR layout), clipped to the image. */
    private record Kernel(int[] start, int[] index, float[] weight) {

        static Kernel of(double origin, double length, int outSize, int srcSize) {
            double scale = length / outSize;
            int[] start = new int[outSize + 1];
            int cap = outSize * ((int) Math.ceil(scale) + 3);
            int[] index = new int[cap];
            float[] weight = new float[cap];
            int n = 0;
            for (int o = 0; o < outSize; o++) {
                start[o] = n;
                if (scale > 1) {
                    // area average over [a, b)
                    double a = origin + o * scale;
                    double b = a + scale;
                    for (int s = (int) Math.floor(a); s < b; s++) {
                        double cover = Math.min(b, s + 1) - Math.max(a, s);
                        if (cover > 0 && s >= 0 && s < srcSize) {
                            index[n] = s;
                            weight[n++] = (float) (cover / scale);
                        }
                    }
                } else {
                    // bilinear at the output pixel centre
                    double c = origin + (o + 0.5) * scale - 0.5;
                    int s0 = (int) Math.floor(c);
                    double f = c - s0;
                    if (s0 >= 0 && s0 < srcSize) {
                        index[n] = s0;
                        weight[n++] = (float) (1 - f);
                    }
                    if (s0 + 1 >= 0 && s0 + 1 < srcSize && f > 0) {
                        index[n] = s0 + 1;
                        weight[n++] = (float) f;
                    }
                }
            }
            start[outSize] = n;
            return new Kernel(start, index, weight);
        }

        int minIndex() {
            int min = Integer.MAX_VALUE;
            for (int i = 0; i < start[start.length - 1]; i++) {
                min = Math.min(min, index[i]);
            }
            return min == Integer.MAX_VALUE ? 0 : min;
        }

        int maxIndex() {
            int max = -1;
            for (int i = 0; i < start[start.length - 1]; i++) {
                max = Math.max(max, index[i]);
            }
            return max;
        }
    }
}
