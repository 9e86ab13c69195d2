package dev.visage.inference.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * The first scan of a progressive JPEG as a JPEG of its own. A progressive encoder sends the DC
 * coefficients of every component first: that scan alone is the whole photo at 1/8 scale (each
 * 8×8 block's average), a few percent of the file. Decoders read it as a complete progressive
 * JPEG whose later scans are absent (their coefficients zero), so a preview for a perceptual hash
 * costs a fraction of a full decode — which, for a progressive photo, reads every scan even at
 * 1/8 scale (docs/BENCHMARKS.md, "Upload preview").
 */
public final class ProgressiveJpeg {

    private ProgressiveJpeg() {
    }

    /**
     * The file cut after its first scan and closed with an end-of-image marker, when the file is a
     * progressive JPEG whose first scan is a DC scan of all its components and more follows it;
     * empty for anything else (baseline JPEGs, other formats, damaged headers).
     */
    public static Optional<byte[]> dcScan(byte[] jpeg) {
        if (jpeg == null || jpeg.length < 4 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8) {
            return Optional.empty();
        }
        int components = -1;
        int i = 2;
        while (i + 4 <= jpeg.length) {
            if ((jpeg[i] & 0xff) != 0xFF) {
                return Optional.empty();
            }
            int marker = jpeg[i + 1] & 0xff;
            if (marker == 0xFF) { // fill byte before a marker
                i++;
                continue;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) { // markers without a length
                i += 2;
                continue;
            }
            int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
            if (marker == 0xD9 || length < 2 || i + 2 + length > jpeg.length) {
                return Optional.empty();
            }
            if (marker == 0xC2 && length >= 8) {
                components = jpeg[i + 9] & 0xff;
            } else if (isOtherFrame(marker)) {
                return Optional.empty();
            }
            if (marker == 0xDA) {
                return components > 0 && isDcScanOfAll(jpeg, i, components) ? cutAfterScan(jpeg, i + 2 + length)
                        : Optional.empty();
            }
            i += 2 + length;
        }
        return Optional.empty();
    }

    /** SOF markers other than progressive Huffman (SOF2): baseline, extended, lossless, arithmetic. */
    private static boolean isOtherFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC2 && marker != 0xC4 && marker != 0xC8
                && marker != 0xCC;
    }

    /** SOS: Ns components, then Ss and Se: a DC scan has Ss = Se = 0. */
    private static boolean isDcScanOfAll(byte[] jpeg, int sos, int components) {
        int ns = jpeg[sos + 4] & 0xff;
        int spectral = sos + 5 + 2 * ns;
        return ns == components && spectral + 1 < jpeg.length && jpeg[spectral] == 0 && jpeg[spectral + 1] == 0;
    }

    /** Entropy-coded data runs to the first marker that is neither a stuffed 0xFF00 nor a restart marker. */
    private static Optional<byte[]> cutAfterScan(byte[] jpeg, int data) {
        for (int j = data; j + 1 < jpeg.length; j++) {
            if ((jpeg[j] & 0xff) != 0xFF) {
                continue;
            }
            int next = jpeg[j + 1] & 0xff;
            if (next == 0x00 || next >= 0xD0 && next <= 0xD7) {
                j++;
                continue;
            }
            if (next == 0xD9) {
                return Optional.empty(); // nothing after the first scan: the file is its own preview
            }
            byte[] cut = Arrays.copyOf(jpeg, j + 2);
            cut[j] = (byte) 0xFF;
            cut[j + 1] = (byte) 0xD9;
            return Optional.of(cut);
        }
        return Optional.empty();
    }
}
