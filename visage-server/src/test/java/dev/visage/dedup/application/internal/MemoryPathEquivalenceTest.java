package dev.visage.dedup.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visage.dedup.application.DedupService.ImageMatch;
import dev.visage.dedup.domain.HashIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The memory path of findImage (index candidates, their rows read back, {@link ImageMatch#best})
 * answers what the SQL path's ORDER BY (image_sha256 = ?) DESC, distance LIMIT 1 answers.
 */
class MemoryPathEquivalenceTest {

    static final long NOW = 1_800_000_000L;

    record Row(String sha, long phash, String canonical, long expires) {
    }

    @Test
    void sameAnswerAsTheSqlOnRandomAndClusteredData() {
        Random random = new Random(5);
        int n = 30_000;
        List<Row> rows = new ArrayList<>();
        HashIndex index = new HashIndex(NOW, 16);
        for (int i = 0; i < n; i++) {
            long phash = i % 4 == 0 || i < 8 ? random.nextLong() : flip(rows.get(i - 1 - random.nextInt(Math.min(i, 8))).phash(), random, 7);
            Row row = new Row(String.format("%064x", i), phash, String.format("%064x", i / 3), NOW + (i % 9 == 0 ? -1 : 600));
            rows.add(row);
            index.add(i, phash, row.expires());
        }
        for (int k = 0; k < 2000; k++) {
            Row known = rows.get(random.nextInt(n));
            // the same image again, a re-encoding of a known one, or something new
            String sha = k % 3 == 0 ? known.sha() : String.format("%064x", n + k);
            long q = k % 3 == 0 ? known.phash() : k % 3 == 1 ? flip(known.phash(), random, 10) : random.nextLong();
            Optional<ImageMatch> sql = rows.stream().filter(r -> r.expires() > NOW && Long.bitCount(r.phash() ^ q) <= 8)
                    .map(r -> match(r, q))
                    .min(Comparator.comparing((ImageMatch m) -> !m.imageSha256().equals(sha)).thenComparingInt(ImageMatch::distance));
            HashIndex.Candidates near = index.near(q, 8, NOW);
            List<ImageMatch> readBack = new ArrayList<>();
            for (long id : near.ids()) {
                readBack.add(match(rows.get((int) id), q));
            }
            Optional<ImageMatch> memory = ImageMatch.best(sha, readBack);
            assertEquals(sql.isPresent(), memory.isPresent(), "query " + k);
            if (sql.isPresent()) {
                assertEquals(sql.get().imageSha256().equals(sha), memory.get().imageSha256().equals(sha), "exact first");
                assertEquals(sql.get().distance(), memory.get().distance(), "closest");
            }
        }
    }

    static ImageMatch match(Row r, long q) {
        return new ImageMatch(r.sha(), r.phash(), r.canonical(), Long.bitCount(r.phash() ^ q));
    }

    static long flip(long h, Random random, int maxBits) {
        int bits = random.nextInt(maxBits + 1);
        for (int b = 0; b < bits; b++) {
            h ^= 1L << random.nextInt(64);
        }
        return h;
    }
}
