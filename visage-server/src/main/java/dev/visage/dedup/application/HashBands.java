package dev.visage.dedup.application;

/**
 * Multi-index hashing of 64-bit hashes in three bands (22, 21, 21 bits). Two hashes within
 * Hamming distance d share at least one band within distance floor(d/3) (pigeonhole), so
 * probing every band value within that radius finds every near duplicate.
 */
public final class HashBands {

    public static final int[] WIDTHS = {22, 21, 21};
    private static final int[] SHIFTS = {42, 21, 0};

    private HashBands() {
    }

    public static int band(long hash, int i) {
        return (int) ((hash >>> SHIFTS[i]) & ((1L << WIDTHS[i]) - 1));
    }

    public static int radius(int maxHamming) {
        return maxHamming / WIDTHS.length;
    }

    /** Every value within {@code radius} bit flips of band i of the hash. */
    public static int[] neighbours(long hash, int i, int radius) {
        int width = WIDTHS[i];
        int value = band(hash, i);
        int n = 0;
        for (int k = 0; k <= radius; k++) {
            n += binomial(width, k);
        }
        int[] out = new int[n];
        int[] pos = {0};
        flip(value, width, 0, radius, out, pos);
        return out;
    }

    private static void flip(int value, int width, int from, int left, int[] out, int[] pos) {
        out[pos[0]++] = value;
        if (left == 0) {
            return;
        }
        for (int bit = from; bit < width; bit++) {
            flip(value ^ (1 << bit), width, bit + 1, left - 1, out, pos);
        }
    }

    private static int binomial(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return (int) r;
    }

    /** 32-bit tenant hash in the high half, band value in the low half: one index serves every tenant. */
    public static long key(String tenantId, int bandValue) {
        return (tenantHash(tenantId) << 32) | (bandValue & 0xFFFFFFFFL);
    }

    /** The index keys to probe for band i of the hash within the radius. */
    public static long[] probeKeys(String tenantId, long hash, int i, int radius) {
        int[] values = neighbours(hash, i, radius);
        long high = tenantHash(tenantId) << 32;
        long[] keys = new long[values.length];
        for (int k = 0; k < values.length; k++) {
            keys[k] = high | (values[k] & 0xFFFFFFFFL);
        }
        return keys;
    }

    static long tenantHash(String tenantId) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(tenantId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return ((d[0] & 0xFFL) << 24) | ((d[1] & 0xFFL) << 16) | ((d[2] & 0xFFL) << 8) | (d[3] & 0xFFL);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** A PostgreSQL bigint[] literal. */
    public static String sqlArray(long[] values) {
        StringBuilder sb = new StringBuilder(values.length * 20).append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(values[i]);
        }
        return sb.append('}').toString();
    }

    /** A PostgreSQL int[] literal. */
    public static String sqlArray(int[] values) {
        StringBuilder sb = new StringBuilder(values.length * 8).append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(values[i]);
        }
        return sb.append('}').toString();
    }
}
