package dev.visage.batch.infrastructure.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.visage.batch.domain.BatchItemRepository.NewItem;
import dev.visage.batch.domain.DigestRoots;
import dev.visage.batch.domain.ItemFeed;
import dev.visage.batch.domain.ItemStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFolderFeedTest {

    @TempDir
    Path tmp;

    @Test
    void subfoldersAreSearchedAndLinksOutOfTheRootsAreSkipped() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path dir = Files.createDirectories(root.resolve("event"));
        Files.writeString(dir.resolve("a.jpg"), "x");
        Files.createDirectories(dir.resolve("d1/d2"));
        Files.writeString(dir.resolve("d1/d2/b.PNG"), "x");
        Files.writeString(dir.resolve("notes.txt"), "x");
        Files.writeString(dir.resolve(".hidden.jpg"), "x");
        Files.createDirectories(dir.resolve(".cache"));
        Files.writeString(dir.resolve(".cache/c.jpg"), "x");
        Path outside = Files.writeString(tmp.resolve("secret.jpg"), "x");
        Files.createSymbolicLink(dir.resolve("out.jpg"), outside);
        Files.createSymbolicLink(dir.resolve("in.jpg"), dir.resolve("a.jpg"));
        Files.createSymbolicLink(dir.resolve("loop"), dir);

        List<NewItem> items = new ArrayList<>();
        LocalFolderFeed.walk(new DigestRoots(List.of(root)), dir.toRealPath(), sink(items));
        Map<String, NewItem> byName = new TreeMap<>();
        items.forEach(i -> byName.put(Path.of(i.imagePath()).getFileName().toString(), i));
        assertEquals(List.of("a.jpg", "b.PNG", "in.jpg", "out.jpg"), List.copyOf(byName.keySet()));
        assertEquals(ItemStatus.PENDING, byName.get("b.PNG").status());
        assertEquals(ItemStatus.PENDING, byName.get("in.jpg").status());
        assertEquals(ItemStatus.SKIPPED, byName.get("out.jpg").status());
        assertEquals("symbolic link leads outside the digest roots", byName.get("out.jpg").reason());
    }

    @Test
    void theSinkCanStopTheWalk() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        for (int i = 0; i < 10; i++) {
            Files.writeString(root.resolve(i + ".jpg"), "x");
        }
        List<NewItem> items = new ArrayList<>();
        ItemFeed.ItemSink stopAtThree = new ItemFeed.ItemSink() {
            @Override
            public boolean accept(NewItem item) {
                items.add(item);
                return items.size() < 3;
            }

            @Override
            public void truncated(String reason) {
            }
        };
        LocalFolderFeed.walk(new DigestRoots(List.of(root)), root.toRealPath(), stopAtThree);
        assertEquals(3, items.size());
        assertThrows(ItemFeed.SourceUnavailable.class,
                () -> LocalFolderFeed.walk(new DigestRoots(List.of(root)), tmp.toRealPath(), sink(items)));
    }

    private static ItemFeed.ItemSink sink(List<NewItem> items) {
        return new ItemFeed.ItemSink() {
            @Override
            public boolean accept(NewItem item) {
                return items.add(item);
            }

            @Override
            public void truncated(String reason) {
            }
        };
    }
}
