package dev.visage.inference.application;

import dev.visage.inference.domain.ProgressiveJpeg;

/** Turns encoded bytes into pixels, refusing oversize images before decoding them. */
public interface ImageDecoder {

    /** Ask {@link #decode(byte[], int)} for this to get the photo at its own size. */
    int FULL_SIZE = Integer.MAX_VALUE;

    /** The photo at its own size. */
    default DecodedImage decode(byte[] encoded) throws UndecodableImageException {
        return decode(encoded, FULL_SIZE);
    }

    /**
     * The photo at the smallest DCT scale (1/8, 1/4, 1/2) whose longer side is still at least
     * {@code minLongSide}, or at full size when no smaller scale qualifies or the format has no
     * cheap reduced decoding (only JPEG has). {@link DecodedImage#scale()} says which scale it is;
     * the max-pixels limit applies to the original size either way.
     */
    DecodedImage decode(byte[] encoded, int minLongSide) throws UndecodableImageException;

    /** Longer side (pixels) a {@link #preview} reaches where the photo has it: ample for a 32×32 hash. */
    int PREVIEW_SIDE = 256;

    /**
     * The photo small and cheap, for a perceptual hash: decoded as {@link #decode(byte[], int)} at
     * {@link #PREVIEW_SIDE}, from a progressive JPEG's {@linkplain ProgressiveJpeg#dcScan first scan} only
     * (its 8×8 block averages: the photo at 1/8 scale without reading the rest of the file).
     */
    default DecodedImage preview(byte[] encoded) throws UndecodableImageException {
        return decode(ProgressiveJpeg.dcScan(encoded).orElse(encoded), PREVIEW_SIDE);
    }
}
