package dev.visage.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visage.inference.domain.Downscaler;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class DownscalerTest {

    @Test
    void factorFitsTheLongerSideAndZeroMeansOff() {
        assertEquals(0.5, Downscaler.factor(4000, 3000, 2000));
        assertEquals(0.5, Downscaler.factor(3000, 4000, 2000));
        assertEquals(1.0, Downscaler.factor(1920, 1080, 1920));
        assertEquals(1.0, Downscaler.factor(8000, 6000, 0));
    }

    @Test
    void shrinkKeepsTheAspectAndWhereThingsAre() {
        BufferedImage image = new BufferedImage(4000, 3000, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(2000, 1500, 400, 400);   // a white square at (2000, 1500)
        g.dispose();
        BufferedImage small = Downscaler.shrink(image, Downscaler.factor(4000, 3000, 1000));
        assertEquals(1000, small.getWidth());
        assertEquals(750, small.getHeight());
        assertEquals(0xFFFFFF, small.getRGB(550, 425) & 0xFFFFFF, "inside the square, scaled by 1/4");
        assertEquals(0, small.getRGB(480, 425) & 0xFFFFFF, "left of it stays black");
    }
}
