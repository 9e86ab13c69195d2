package dev.visage.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.batch.domain.DigestRoots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestRootsTest {

    @TempDir
    Path tmp;

    @Test
    void aFolderInsideARootResolvesToItsRealPath() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path event = Files.createDirectories(root.resolve("events/2026"));
        DigestRoots roots = new DigestRoots(List.of(root));
        assertEquals(event.toRealPath(), roots.directory(event.toString()));
        assertEquals(event.toRealPath(), roots.directory("events/2026"), "relative to the first root");
        assertEquals(event.toRealPath(), roots.directory(root + "/events/2026/../2026"), ".. that stays inside is fine");
    }

    @Test
    void traversalAndLinksCannotLeaveTheRoots() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("link"), outside);
        DigestRoots roots = new DigestRoots(List.of(root));
        assertRefused(roots, root + "/../outside", "outside the configured digest roots");
        assertRefused(roots, "../outside", "outside the configured digest roots");
        assertRefused(roots, root.resolve("link").toString(), "outside the configured digest roots");
        assertRefused(roots, outside.toString(), "outside the configured digest roots");
        // a sibling whose name merely starts like the root is not inside it
        Path sibling = Files.createDirectories(tmp.resolve("root-sibling"));
        assertRefused(roots, sibling.toString(), "outside the configured digest roots");
        assertRefused(roots, root.resolve("missing").toString(), "does not exist");
        assertRefused(roots, tmp.resolve("nowhere/at/all").toString(), "outside the configured digest roots");
        Files.writeString(root.resolve("f.jpg"), "x");
        assertRefused(roots, root.resolve("f.jpg").toString(), "not a directory");
        assertRefused(roots, "", "must not be empty");
        assertRefused(new DigestRoots(List.of(tmp.resolve("absent"))), root.toString(), "no digest root is configured");
    }

    @Test
    void filesAreReadableOnlyWhileTheirRealPathIsInsideARoot() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.writeString(tmp.resolve("secret.jpg"), "x");
        Path inside = Files.writeString(root.resolve("a.jpg"), "x");
        Files.createSymbolicLink(root.resolve("in.jpg"), inside);
        Files.createSymbolicLink(root.resolve("out.jpg"), outside);
        DigestRoots roots = new DigestRoots(List.of(root));
        assertTrue(roots.readable(inside).isPresent());
        assertTrue(roots.readable(root.resolve("in.jpg")).isPresent());
        assertTrue(roots.readable(root.resolve("out.jpg")).isEmpty());
        assertTrue(roots.readable(root).isEmpty(), "a directory is not a readable file");
    }

    @Test
    void aSecondRootCountsToo() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b/photos"));
        DigestRoots roots = new DigestRoots(List.of(a, tmp.resolve("b")));
        assertEquals(b.toRealPath(), roots.directory(b.toString()));
    }

    private static void assertRefused(DigestRoots roots, String requested, String reason) {
        DigestRoots.Refused e = assertThrows(DigestRoots.Refused.class, () -> roots.directory(requested), requested);
        assertTrue(e.getMessage().contains(reason), requested + ": " + e.getMessage());
    }
}
