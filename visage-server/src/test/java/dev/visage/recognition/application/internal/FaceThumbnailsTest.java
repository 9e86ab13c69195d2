package dev.visage.recognition.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class FaceThumbnailsTest {

    /** 400×300, white, with a red 100×100 "face" at (200, 100). */
    private static BufferedImage photo() {
        BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 300);
        g.setColor(Color.RED);
        g.fillRect(200, 100, 100, 100);
        g.dispose();
        return image;
    }

    @Test
    void theFaceBoxWithItsMarginIsCutAndScaledDown() {
        BufferedImage thumb = FaceThumbnails.cut(photo(), new int[] {200, 100, 100, 100}, 70);
        // 100 px box + 20 % on each side = 140 px, scaled to 70
        assertEquals(70, thumb.getWidth());
        assertEquals(70, thumb.getHeight());
        assertEquals(Color.RED.getRGB(), thumb.getRGB(35, 35), "the face is in the middle");
        assertEquals(Color.WHITE.getRGB(), thumb.getRGB(2, 2), "the margin shows what was around it");
    }

    @Test
    void aBoxAtTheBorderIsClippedAndSmallCutsAreNotEnlarged() {
        BufferedImage thumb = FaceThumbnails.cut(photo(), new int[] {350, 250, 50, 50}, 200);
        assertEquals(60, thumb.getWidth(), "350-10 .. 400");
        assertEquals(60, thumb.getHeight());
    }

    @Test
    void withoutABoxTheWholeImageIsScaled() throws IOException {
        byte[] jpeg = FaceThumbnails.jpeg(FaceThumbnails.cut(photo(), null, 112));
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertEquals(112, read.getWidth());
        assertEquals(84, read.getHeight());
        assertTrue(jpeg[0] == (byte) 0xFF && jpeg[1] == (byte) 0xD8, "a JPEG");
    }
}
