package dev.visage.dedup.domain;

import dev.visage.dedup.application.HashBands;
import java.util.Arrays;

/**
 * One tenant's remembered pHashes in memory, searched by the same multi-index hashing as the
 * SQL path (three bands, probe radius floor(maxHamming / 3), see {@link HashBands}). Entries
 * are parallel primitive arrays (pHash, row id, expiry); each band is a bucket table of chain
 * heads plus one "next" int per entry, so an entry costs 8 + 8 + 4 + 3 * 4 = 32 bytes plus the
 * arrays' growth slack and the bucket tables (3 * 4 bytes per bucket, at most one bucket per
 * entry). Not thread-safe: {@link TenantIndexes} guards it with a read-write lock.
 */
public final class HashIndex {

    private static final int MIN_BUCKET_BITS = 10;
    private static final int BANDS = HashBands.WIDTHS.length;

    private final long baseEpochSecond;
    private long[] phashes;
    private long[] ids;
    private int[] expiries;  // seconds after baseEpochSecond
    private int size;
    private final int[][] heads = new int[BANDS][];
    private final int[][] next = new int[BANDS][];
    private int bucketBits;

    public HashIndex(long baseEpochSecond, int expectedEntries) {
        this.baseEpochSecond = baseEpochSecond;
        int capacity = Math.max(16, expectedEntries);
        phashes = new long[capacity];
        ids = new long[capacity];
        expiries = new int[capacity];
        for (int b = 0; b < BANDS; b++) {
            next[b] = new int[capacity];
        }
        rebuildBuckets(bitsFor(expectedEntries));
    }

    public int size() {
        return size;
    }

    /** Adds an entry without looking for its id (a fresh load: every row once). */
    public void add(long id, long phash, long expiresEpochSecond) {
        if (size == phashes.length) {
            grow();
        }
        int slot = size++;
        phashes[slot] = phash;
        ids[slot] = id;
        expiries[slot] = relative(expiresEpochSecond);
        link(slot);
        if (size > 2 << bucketBits && bucketBits < HashBands.WIDTHS[0]) {
            rebuildBuckets(bitsFor(size));
        }
    }

    /**
     * Adds the entry, or sets the expiry of the entry with this id (a refresh, or a row read
     * twice); true when added.
     */
    public boolean put(long id, long phash, long expiresEpochSecond) {
        int value = HashBands.band(phash, 0);
        for (int s = heads[0][value & mask()]; s >= 0; s = next[0][s]) {
            if (ids[s] == id) {  // a row's pHash never changes, so it sits in this chain
                expiries[s] = relative(expiresEpochSecond);
                return false;
            }
        }
        add(id, phash, expiresEpochSecond);
        return true;
    }

    /**
     * Every live entry within {@code maxHamming} of the hash, closest first. An entry is taken
     * from the first band (in band order) within the probe radius of the query's band, so it
     * is found once even when several bands match.
     */
    public Candidates near(long phash, int maxHamming, long nowEpochSecond) {
        int radius = HashBands.radius(maxHamming);
        int now = relative(nowEpochSecond);
        Candidates out = new Candidates();
        int mask = mask();
        for (int b = 0; b < BANDS; b++) {
            int[] head = heads[b];
            int[] chain = next[b];
            for (int value : HashBands.neighbours(phash, b, radius)) {
                for (int s = head[value & mask]; s >= 0; s = chain[s]) {
                    long other = phashes[s];
                    int d = Long.bitCount(other ^ phash);
                    if (d <= maxHamming && expiries[s] > now && HashBands.band(other, b) == value
                            && firstBand(other, phash, b, radius)) {
                        out.add(ids[s], other, d);
                    }
                }
            }
        }
        out.sort();
        return out;
    }

    private static boolean firstBand(long a, long b, int band, int radius) {
        for (int earlier = 0; earlier < band; earlier++) {
            if (Integer.bitCount(HashBands.band(a, earlier) ^ HashBands.band(b, earlier)) <= radius) {
                return false;
            }
        }
        return true;
    }

    /** Gives back the growth slack (after a load: the index grows again on the next add). */
    public void trim() {
        int capacity = Math.max(16, size + (size >> 6));
        if (capacity < phashes.length) {
            phashes = Arrays.copyOf(phashes, capacity);
            ids = Arrays.copyOf(ids, capacity);
            expiries = Arrays.copyOf(expiries, capacity);
            for (int b = 0; b < BANDS; b++) {
                next[b] = Arrays.copyOf(next[b], capacity);
            }
        }
    }

    /** Drops the entries expired at {@code nowEpochSecond}; returns how many. */
    public int purge(long nowEpochSecond) {
        int now = relative(nowEpochSecond);
        int kept = 0;
        for (int s = 0; s < size; s++) {
            if (expiries[s] > now) {
                phashes[kept] = phashes[s];
                ids[kept] = ids[s];
                expiries[kept] = expiries[s];
                kept++;
            }
        }
        int removed = size - kept;
        if (removed > 0) {
            size = kept;
            rebuildBuckets(bitsFor(size));
        }
        return removed;
    }

    /** Heap held by the arrays (headers left out), for the memory figures. */
    public long bytes() {
        long perSlot = 8L + 8 + 4 + 4L * BANDS;
        return perSlot * phashes.length + 4L * BANDS * (1L << bucketBits);
    }

    private int relative(long epochSecond) {
        long r = epochSecond - baseEpochSecond;
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, r));
    }

    private int mask() {
        return (1 << bucketBits) - 1;
    }

    private static int bitsFor(int entries) {
        int bits = 31 - Integer.numberOfLeadingZeros(Math.max(1, entries));  // 1 to 2 entries a bucket
        return Math.max(MIN_BUCKET_BITS, Math.min(bits, HashBands.WIDTHS[0]));
    }

    private void link(int slot) {
        int mask = mask();
        long phash = phashes[slot];
        for (int b = 0; b < BANDS; b++) {
            int bucket = HashBands.band(phash, b) & mask;
            next[b][slot] = heads[b][bucket];
            heads[b][bucket] = slot;
        }
    }

    private void rebuildBuckets(int bits) {
        bucketBits = bits;
        for (int b = 0; b < BANDS; b++) {
            // a narrower band has fewer values than buckets: the extra buckets just stay empty
            heads[b] = new int[1 << bits];
            Arrays.fill(heads[b], -1);
        }
        for (int s = 0; s < size; s++) {
            link(s);
        }
    }

    private void grow() {
        int capacity = phashes.length + (phashes.length >> 1);
        phashes = Arrays.copyOf(phashes, capacity);
        ids = Arrays.copyOf(ids, capacity);
        expiries = Arrays.copyOf(expiries, capacity);
        for (int b = 0; b < BANDS; b++) {
            next[b] = Arrays.copyOf(next[b], capacity);
        }
    }

    /** Row ids with their pHash and distance, closest first. */
    public static final class Candidates {
        private long[] ids = new long[4];
        private long[] phashes = new long[4];
        private int[] distances = new int[4];
        private int size;

        void add(long id, long phash, int distance) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                phashes = Arrays.copyOf(phashes, size * 2);
                distances = Arrays.copyOf(distances, size * 2);
            }
            ids[size] = id;
            phashes[size] = phash;
            distances[size++] = distance;
        }

        void sort() {
            // insertion sort: near-duplicate lists are short
            for (int i = 1; i < size; i++) {
                long id = ids[i];
                long phash = phashes[i];
                int d = distances[i];
                int j = i - 1;
                while (j >= 0 && (distances[j] > d || distances[j] == d && ids[j] > id)) {
                    ids[j + 1] = ids[j];
                    phashes[j + 1] = phashes[j];
                    distances[j + 1] = distances[j];
                    j--;
                }
                ids[j + 1] = id;
                phashes[j + 1] = phash;
                distances[j + 1] = d;
            }
        }

        public int size() {
            return size;
        }

        public long id(int i) {
            return ids[i];
        }

        public long phash(int i) {
            return phashes[i];
        }

        public int distance(int i) {
            return distances[i];
        }

        public long[] ids() {
            return Arrays.copyOf(ids, size);
        }
    }
}
