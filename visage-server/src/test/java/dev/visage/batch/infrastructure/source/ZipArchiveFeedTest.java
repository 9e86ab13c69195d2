package dev.visage.batch.infrastructure.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.batch.domain.BatchItemRepository.NewItem;
import dev.visage.batch.domain.ItemFeed;
import dev.visage.batch.domain.ItemStatus;
import dev.visage.batch.domain.ZipLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ZipArchiveFeedTest {

    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 2, 3};
    static final ZipLimits LIMITS = new ZipLimits(1L << 32, 5_000_000, 20_000_000, 100, 1_048_576, 100);

    final List<NewItem> items = new ArrayList<>();
    final List<String> truncated = new ArrayList<>();
    final Map<String, byte[]> stored = new HashMap<>();

    final ItemFeed.ItemSink sink = new ItemFeed.ItemSink() {
        @Override
        public boolean accept(NewItem item) {
            items.add(item);
            return true;
        }

        @Override
        public void truncated(String reason) {
            truncated.add(reason);
        }
    };

    final ZipArchiveFeed.EntryStore store = (file, sha, format) -> {
        stored.put(sha, Files.readAllBytes(file));
        return "raw-images/t/" + sha;
    };

    @Test
    void imagesAreStoredAndEverythingElseIsSkippedWithItsReason() throws Exception {
        byte[] zip = zip(Map.of(
                "photos/a.jpg", JPEG,
                "photos/b.jpeg", jpeg(40),
                "../evil.jpg", JPEG,
                "notes.txt", "hello".getBytes(StandardCharsets.UTF_8),
                "fake.jpg", "just text, named like a photo".getBytes(StandardCharsets.UTF_8),
                "bomb.jpg", bomb(3_000_000),
                "__MACOSX/._a.jpg", JPEG,
                "dir/", new byte[0]));
        ZipArchiveFeed.extract(new ByteArrayInputStream(zip), LIMITS, store, sink);
        Map<String, NewItem> byPath = new HashMap<>();
        items.forEach(i -> byPath.put(i.imagePath(), i));
        assertEquals(ItemStatus.PENDING, byPath.get("photos/a.jpg").status());
        assertEquals("raw-images", byPath.get("photos/a.jpg").bucket());
        assertEquals(ItemStatus.PENDING, byPath.get("photos/b.jpeg").status());
        assertTrue(byPath.get("../evil.jpg").reason().startsWith("zip-slip"), byPath.get("../evil.jpg").reason());
        assertEquals("not an image: .txt file", byPath.get("notes.txt").reason());
        assertTrue(byPath.get("fake.jpg").reason().contains("not JPEG, PNG, WebP or BMP"));
        assertTrue(byPath.get("bomb.jpg").reason().startsWith("zip bomb"), byPath.get("bomb.jpg").reason());
        assertEquals(6, items.size(), "hidden entries and directories are not items: " + items);
        assertEquals(2, stored.size());
        assertTrue(stored.values().stream().anyMatch(b -> java.util.Arrays.equals(b, JPEG)), "bytes stored intact");
        assertTrue(truncated.isEmpty());
    }

    @Test
    void extractionStopsWhenTheArchiveExpandsBeyondItsTotal() throws Exception {
        ZipLimits small = new ZipLimits(1L << 32, 5_000_000, 2_500_000, 1_000_000, 1_048_576, 100);
        Map<String, byte[]> entries = new java.util.TreeMap<>();
        for (int i = 0; i < 5; i++) {
            entries.put("p" + i + ".jpg", jpeg(1_000_000));
        }
        ZipArchiveFeed.extract(new ByteArrayInputStream(zip(entries)), small, store, sink);
        assertEquals(1, truncated.size());
        assertTrue(truncated.get(0).contains("expands beyond 2500000 bytes"), truncated.get(0));
        assertTrue(stored.size() < 5, "extraction stopped: " + stored.size());
        assertEquals("(archive)", items.get(items.size() - 1).imagePath());
    }

    @Test
    void somethingThatIsNoArchiveAtAllFailsTheSource() {
        assertThrows(ItemFeed.SourceUnavailable.class, () -> ZipArchiveFeed.extract(
                new ByteArrayInputStream("definitely not a zip".repeat(100).getBytes()), LIMITS, store, sink));
    }

    /** A JPEG header followed by {@code size} zero bytes: tiny compressed, huge expanded. */
    static byte[] bomb(int size) {
        byte[] b = new byte[size];
        System.arraycopy(JPEG, 0, b, 0, JPEG.length);
        return b;
    }

    /** A JPEG-looking file of about {@code size} bytes that does not compress. */
    static byte[] jpeg(int size) {
        byte[] b = new byte[Math.max(size, JPEG.length)];
        new java.util.Random(size).nextBytes(b);
        System.arraycopy(JPEG, 0, b, 0, JPEG.length);
        return b;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
