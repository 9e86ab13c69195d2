package dev.visage.dedup.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashIndexTest {

    static final long NOW = 1_800_000_000L;

    /** Random hashes plus clusters of near-duplicates (a photo and its re-encodings). */
    static long[] hashes(Random random, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = i % 3 == 0 || i < 10 ? random.nextLong() : flip(out[i - 1 - random.nextInt(Math.min(i, 10))], random, 6);
        }
        return out;
    }

    static long flip(long h, Random random, int maxBits) {
        int bits = random.nextInt(maxBits + 1);
        for (int k = 0; k < bits; k++) {
            h ^= 1L << random.nextInt(64);
        }
        return h;
    }

    /** The exact answer: every live entry within the threshold, by distance then id. */
    static List<String> bruteForce(long[] phash, long[] expires, long q, int maxHamming, long now) {
        List<long[]> hits = new ArrayList<>();
        for (int i = 0; i < phash.length; i++) {
            int d = Long.bitCount(phash[i] ^ q);
            if (d <= maxHamming && expires[i] > now) {
                hits.add(new long[] {d, i});
            }
        }
        hits.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        return hits.stream().map(h -> h[1] + "@" + h[0]).toList();
    }

    static List<String> answer(HashIndex.Candidates c) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            out.add(c.id(i) + "@" + c.distance(i));
        }
        return out;
    }

    @Test
    void findsExactlyWhatAFullScanFindsOnRandomAndClusteredHashes() {
        Random random = new Random(11);
        for (int maxHamming : new int[] {0, 5, 8, 10}) {
            int n = 20_000;
            long[] phash = hashes(random, n);
            long[] expires = new long[n];
            HashIndex index = new HashIndex(NOW, 16);  // grows and re-buckets on the way
            for (int i = 0; i < n; i++) {
                expires[i] = NOW + (i % 7 == 0 ? -5 : 3600);
                index.add(i, phash[i], expires[i]);
            }
            for (int k = 0; k < 500; k++) {
                long q = k % 2 == 0 ? flip(phash[random.nextInt(n)], random, maxHamming + 2) : random.nextLong();
                assertEquals(bruteForce(phash, expires, q, maxHamming, NOW), answer(index.near(q, maxHamming, NOW)),
                        "query " + Long.toHexString(q) + " at " + maxHamming);
            }
        }
    }

    @Test
    void expiredEntriesAreIgnoredThenPurged() {
        HashIndex index = new HashIndex(NOW, 16);
        index.add(1, 0x1234L, NOW + 10);
        index.add(2, 0x1235L, NOW + 100);
        assertEquals(List.of("1@0", "2@1"), answer(index.near(0x1234L, 8, NOW)));
        assertEquals(List.of("2@1"), answer(index.near(0x1234L, 8, NOW + 10)), "expires_at > now, as in SQL");
        assertEquals(1, index.purge(NOW + 10));
        assertEquals(1, index.size());
        assertEquals(List.of("2@1"), answer(index.near(0x1234L, 8, NOW)));
    }

    @Test
    void putRefreshesAKnownIdInsteadOfAddingItTwice() {
        HashIndex index = new HashIndex(NOW, 16);
        assertTrue(index.put(7, 42L, NOW + 1));
        assertFalse(index.put(7, 42L, NOW + 500));
        assertEquals(1, index.size());
        assertEquals(List.of("7@0"), answer(index.near(42L, 8, NOW + 100)), "the refreshed expiry counts");
    }

    @Test
    void bytesPerEntryStaySmall() {
        HashIndex index = new HashIndex(NOW, 1_000_000);
        Random random = new Random(3);
        for (int i = 0; i < 1_000_000; i++) {
            index.add(i, random.nextLong(), NOW + 60);
        }
        double perEntry = index.bytes() / 1e6;
        assertTrue(perEntry <= 60, perEntry + " bytes an entry");
    }
}
