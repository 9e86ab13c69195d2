package dev.visage.batch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.batch.domain.ImageFiles;
import org.junit.jupiter.api.Test;

class ImageFilesTest {

    @Test
    void namesAreImagesByTheirExtension() {
        assertTrue(ImageFiles.hasImageExtension("a.jpg"));
        assertTrue(ImageFiles.hasImageExtension("dir/b.JPEG"));
        assertTrue(ImageFiles.hasImageExtension("c.webp"));
        assertFalse(ImageFiles.hasImageExtension("notes.txt"));
        assertFalse(ImageFiles.hasImageExtension("jpg"));
        assertFalse(ImageFiles.hasImageExtension(".jpg"));
        assertFalse(ImageFiles.hasImageExtension("dir.jpg/file"));
        assertTrue(ImageFiles.hidden("__MACOSX/._a.jpg"));
        assertTrue(ImageFiles.hidden("a/.thumbs/b.jpg"));
        assertFalse(ImageFiles.hidden("a/b.jpg"));
        assertTrue(ImageFiles.isCandidate("a/b.jpg"));
        assertFalse(ImageFiles.isCandidate("__MACOSX/._a.jpg"));
        assertFalse(ImageFiles.isCandidate("a/notes.txt"));
    }
}
