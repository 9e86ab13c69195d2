package dev.visage.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.dedup.application.PerceptualHasher;
import dev.visage.dedup.application.internal.DctPerceptualHasher;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class DctPerceptualHasherTest {

    private final DctPerceptualHasher hasher = new DctPerceptualHasher();

    static BufferedImage photo(String name) throws IOException {
        return ImageIO.read(Path.of("testdata/deepface-pairs/images", name).toFile());
    }

    static BufferedImage scaled(BufferedImage src, double factor) {
        int w = (int) (src.getWidth() * factor);
        int h = (int) (src.getHeight() * factor);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    @Test
    void sameImageSameHash() throws IOException {
        BufferedImage img = photo("img1.jpg");
        assertEquals(hasher.hash(img), hasher.hash(img));
    }

    @Test
    void resizedCopyIsANearDuplicate() throws IOException {
        BufferedImage img = photo("img1.jpg");
        int distance = PerceptualHasher.hammingDistance(hasher.hash(img), hasher.hash(scaled(img, 0.5)));
        assertTrue(distance <= 8, "distance " + distance);
    }

    @Test
    void differentPhotosAreFarApart() throws IOException {
        int distance = PerceptualHasher.hammingDistance(hasher.hash(photo("img1.jpg")), hasher.hash(photo("img20.jpg")));
        assertTrue(distance > 8, "distance " + distance);
    }

    @Test
    void hexIsSixteenDigits() {
        assertEquals("000000000000002a", PerceptualHasher.toHex(42));
        assertEquals("ffffffffffffffff", PerceptualHasher.toHex(-1));
    }
}
