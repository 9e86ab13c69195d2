package dev.visage.inference.application;

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
}
