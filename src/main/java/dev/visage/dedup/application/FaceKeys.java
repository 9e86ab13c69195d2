package dev.visage.dedup.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The face key: sha256 of {@code tenant | canonical image pHash | box quantised to 1/32 of
 * the image's width and height}. The canonical pHash is the remembered near-duplicate
 * image's pHash when there is one (else the image's own), so the same face in a resized
 * or re-encoded copy of a photo gets the same key, while two faces of one photo never do.
 */
public final class FaceKeys {

    public static final int GRID = 32;

    private FaceKeys() {
    }

    public static String of(String tenantId, long canonicalPhash, double x, double y, double w, double h,
                            int imageWidth, int imageHeight) {
        String text = tenantId + '|' + PerceptualHasher.toHex(canonicalPhash) + '|'
                + q(x, imageWidth) + ',' + q(y, imageHeight) + ',' + q(w, imageWidth) + ',' + q(h, imageHeight);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static long q(double v, int extent) {
        return Math.round(v / Math.max(1, extent) * GRID);
    }
}
