package dev.visage.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.shared.storage.LocalObjectStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreTest {

    @TempDir
    Path dir;

    @Test
    void putOpenDelete() throws Exception {
        LocalObjectStore store = new LocalObjectStore(dir.toString());
        byte[] data = {1, 2, 3};
        assertEquals(3, store.put("raw-images", "acme/2026/a.jpg", new ByteArrayInputStream(data), "image/jpeg"));
        assertTrue(store.exists("raw-images", "acme/2026/a.jpg"));
        try (InputStream in = store.open("raw-images", "acme/2026/a.jpg").orElseThrow()) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertTrue(store.delete("raw-images", "acme/2026/a.jpg"));
        assertTrue(store.open("raw-images", "acme/2026/a.jpg").isEmpty());
        store.probe();
    }

    @Test
    void keysCannotEscapeTheirBucket() {
        LocalObjectStore store = new LocalObjectStore(dir.toString());
        for (String key : new String[]{"../x", "a/../../x", "/etc/passwd", "a//b", ""}) {
            assertThrows(IllegalArgumentException.class, () -> store.exists("raw-images", key), key);
        }
        assertThrows(IllegalArgumentException.class, () -> store.exists("../up", "a"));
        assertFalse(store.exists("raw-images", "fine/key.jpg"));
    }
}
