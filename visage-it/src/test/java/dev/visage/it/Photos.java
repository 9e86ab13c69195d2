package dev.visage.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The deepface-pairs photos the repository carries (testdata/deepface-pairs, MIT, see its README). */
public final class Photos {

    private Photos() {
    }

    public static Path dir() {
        Path root = Path.of(System.getProperty("visage.root", "."));
        return root.resolve("testdata/deepface-pairs/images").normalize();
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
