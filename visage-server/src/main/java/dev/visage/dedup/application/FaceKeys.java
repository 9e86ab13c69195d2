package dev.visage.dedup.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Face identity for dedup. Two faces are the same face when they belong to the same
 * canonical image (the image itself, or the remembered near-duplicate image it matched)
 * and their normalised boxes overlap with IoU &ge; {@link #SAME_FACE_IOU}. The face key
 * names a face: sha256 of {@code tenant | canonical sha256 | box on a 1/32 grid}.
 */
public final class FaceKeys {

    public static final int GRID = 32;
    public static final double SAME_FACE_IOU = 0.5;

    private FaceKeys() {
    }

    /** A face box as fractions of the image's width and height. */
    public record Box(double x, double y, double w, double h) {

        public static Box of(double x, double y, double w, double h, int imageWidth, int imageHeight) {
            double iw = Math.max(1, imageWidth);
            double ih = Math.max(1, imageHeight);
            return new Box(x / iw, y / ih, w / iw, h / ih);
        }

        public double iou(Box o) {
            double ix = Math.max(0, Math.min(x + w, o.x + o.w) - Math.max(x, o.x));
            double iy = Math.max(0, Math.min(y + h, o.y + o.h) - Math.max(y, o.y));
            double inter = ix * iy;
            double union = w * h + o.w * o.h - inter;
            return union <= 0 ? 0 : inter / union;
        }
    }

    public static String of(String tenantId, String canonicalSha256, Box box) {
        String text = tenantId + '|' + canonicalSha256 + '|' + q(box.x()) + ',' + q(box.y()) + ',' + q(box.w()) + ','
                + q(box.h());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static long q(double fraction) {
        return Math.round(fraction * GRID);
    }
}
