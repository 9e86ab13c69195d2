package dev.visage.ingest.application.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visage.inference.application.AnalyzedFace;
import dev.visage.inference.application.DecodedImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Crops are cut where the face is in the photo's own pixels, whatever scale the photo was decoded at. */
class FaceCropsTest {

    static BufferedImage photo(int side) {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, side, side);
        // the "face": a red square at (400, 200), 200 px wide in the 1000 px photo
        g.setColor(Color.RED);
        g.fillRect(side * 4 / 10, side * 2 / 10, side / 5, side / 5);
        g.dispose();
        return image;
    }

    @Test
    void aHalfScaleDecodeIsCroppedAtTheSamePlace() {
        FaceCrops crops = new FaceCrops(0.2, 100, 50);
        AnalyzedFace.Box box = new AnalyzedFace.Box(400, 200, 200, 200);
        DecodedImage full = new DecodedImage(photo(1000), "jpeg", 1000, 1000, 1.0, List.of());
        DecodedImage half = new DecodedImage(photo(500), "jpeg", 1000, 1000, 0.5, List.of());
        for (DecodedImage photo : List.of(full, half)) {
            BufferedImage crop = crops.crop(photo, box);
            // padding 0.2 on each side: the face fills the middle 100/140 of the crop
            assertEquals(Color.RED.getRGB(), crop.getRGB(50, 50), "centre, scale " + photo.scale());
            assertEquals(Color.RED.getRGB(), crop.getRGB(20, 20), "inside the face, scale " + photo.scale());
            assertEquals(Color.BLUE.getRGB(), crop.getRGB(5, 5), "padding, scale " + photo.scale());
            assertEquals(Color.BLUE.getRGB(), crop.getRGB(94, 94), "padding, scale " + photo.scale());
        }
    }
}
