package dev.visage.inference.domain;

/**
 * Aligns a face onto the ArcFace template: a least-squares similarity transform from four
 * detected keypoints (both eyes, nose tip, mouth centre) to the template's points, then a
 * bilinear warp of the photo into a size×size crop.
 *
 * <p>The template is ArcFace's 112×112 five-point template with the two mouth corners merged
 * into their midpoint (BlazeFace gives a mouth centre, not corners); it is scaled by
 * size/112 for other crop sizes (×2 for faceres' 224). Image-left eye (the subject's right
 * eye, BlazeFace kp0) maps to the template's left eye.
 */
public final class Aligner {

    /** ArcFace 112 template: image-left eye, image-right eye, nose, mouth centre (x, y). */
    static final double[] TEMPLATE_112 = {
        38.2946, 51.6963,
        73.5318, 51.5014,
        56.0252, 71.7366,
        56.1396, 92.2848, // midpoint of (41.5493, 92.3655) and (70.7299, 92.2041)
    };

    private Aligner() {
    }

    public static double[] template(int size) {
        double[] t = TEMPLATE_112.clone();
        for (int i = 0; i < t.length; i++) {
            t[i] *= size / 112.0;
        }
        return t;
    }

    /** The transform from photo pixels to crop pixels for this face. */
    public static SimilarityTransform transform(Detection face, int size) {
        double[] src = {
            face.kx(Keypoints.RIGHT_EYE), face.ky(Keypoints.RIGHT_EYE),
            face.kx(Keypoints.LEFT_EYE), face.ky(Keypoints.LEFT_EYE),
            face.kx(Keypoints.NOSE), face.ky(Keypoints.NOSE),
            face.kx(Keypoints.MOUTH), face.ky(Keypoints.MOUTH),
        };
        return SimilarityTransform.fit(src, template(size));
    }

    /** Writes the aligned size×size crop (RGB HWC, 0..255) into {@code out} at {@code offset}. */
    public static void align(RgbImage image, Detection face, int size, float[] out, int offset) {
        warp(image, transform(face, size), size, out, offset);
    }

    /**
     * Inverse-maps every crop pixel centre into the photo and samples bilinearly; when the crop
     * is smaller than the face in the photo (scale < 1) each crop pixel averages k×k sub-samples
     * so that downscaling does not alias.
     */
    public static void warp(RgbImage image, SimilarityTransform photoToCrop, int size, float[] out, int offset) {
        SimilarityTransform inv = photoToCrop.inverse();
        int k = Math.max(1, (int) Math.ceil(1 / photoToCrop.scale()));
        double step = 1.0 / k;
        float norm = 1f / (k * k);
        float[] px = new float[3];
        for (int j = 0; j < size; j++) {
            for (int i = 0; i < size; i++) {
                float r = 0, g = 0, b = 0;
                for (int sj = 0; sj < k; sj++) {
                    double v = j + (sj + 0.5) * step;
                    for (int si = 0; si < k; si++) {
                        double u = i + (si + 0.5) * step;
                        double x = inv.a() * u - inv.b() * v + inv.tx();
                        double y = inv.b() * u + inv.a() * v + inv.ty();
                        bilinear(image, x - 0.5, y - 0.5, px);
                        r += px[0];
                        g += px[1];
                        b += px[2];
                    }
                }
                int o = offset + (j * size + i) * 3;
                out[o] = r * norm;
                out[o + 1] = g * norm;
                out[o + 2] = b * norm;
            }
        }
    }

    /** Samples at continuous index coordinates; outside the photo is black. */
    private static void bilinear(RgbImage image, double x, double y, float[] px) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        float fx = (float) (x - x0);
        float fy = (float) (y - y0);
        px[0] = 0;
        px[1] = 0;
        px[2] = 0;
        add(image, x0, y0, (1 - fx) * (1 - fy), px);
        add(image, x0 + 1, y0, fx * (1 - fy), px);
        add(image, x0, y0 + 1, (1 - fx) * fy, px);
        add(image, x0 + 1, y0 + 1, fx * fy, px);
    }

    private static void add(RgbImage image, int x, int y, float w, float[] px) {
        if (w == 0 || x < 0 || y < 0 || x >= image.width() || y >= image.height()) {
            return;
        }
        int p = (y * image.width() + x) * 3;
        byte[] rgb = image.rgb();
        px[0] += w * (rgb[p] & 0xff);
        px[1] += w * (rgb[p + 1] & 0xff);
        px[2] += w * (rgb[p + 2] & 0xff);
    }
}
