package dev.visage.inference.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.inference.Inference;
import dev.visage.inference.application.DecodedImage;
import dev.visage.inference.infrastructure.TurboJpegDecoder;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A progressive JPEG's first scan is the photo at 1/8 scale: cut out, it is a fraction of the file
 * and decodes to what the whole file gives at 1/8 scale (less the DC's last bit). Anything else has
 * no such scan and is previewed from the whole file.
 */
class ProgressiveJpegTest {

    final TurboJpegDecoder decoder = Inference.decoder();

    @Test
    void theFirstScanOfAProgressivePhotoIsThePhotoAtAnEighth() throws Exception {
        for (String name : new String[] {"img2.jpg", "img40.jpg", "selfie-many-people.jpg"}) {
            byte[] file = Inference.photo(name);
            Optional<byte[]> dc = ProgressiveJpeg.dcScan(file);
            assertTrue(dc.isPresent(), name + " is progressive, DC first");
            assertTrue(dc.get().length < file.length / 4, name + ": " + dc.get().length + " of " + file.length + " bytes");
            DecodedImage whole = decoder.decode(file, 1);
            DecodedImage first = decoder.decode(dc.get(), 1);
            assertEquals(0.125, whole.scale());
            assertEquals(whole.width(), first.width());
            assertEquals(whole.height(), first.height());
            double diff = meanAbsoluteDifference(whole.image(), first.image());
            assertTrue(diff < 6, name + ": mean difference " + diff + " of 255");

            DecodedImage preview = decoder.preview(file);
            DecodedImage usual = decoder.decode(file, 256);
            assertEquals(usual.width(), preview.width(), name);
            assertEquals(usual.originalWidth(), preview.originalWidth(), name);
        }
    }

    @Test
    void baselineJpegsAndOtherBytesHaveNoSuchScan() throws Exception {
        assertEquals(Optional.empty(), ProgressiveJpeg.dcScan(Inference.photo("img1.jpg")), "baseline");
        assertEquals(Optional.empty(), ProgressiveJpeg.dcScan(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}));
        assertEquals(Optional.empty(), ProgressiveJpeg.dcScan(new byte[0]));
        byte[] progressive = Inference.photo("img2.jpg");
        for (int cut : new int[] {3, 20, 200, 600}) {
            // headers cut anywhere: no scan found, never an exception
            assertEquals(Optional.empty(), ProgressiveJpeg.dcScan(Arrays.copyOf(progressive, cut)), "cut at " + cut);
        }
        assertEquals(decoder.decode(Inference.photo("img1.jpg"), 256).width(),
                decoder.preview(Inference.photo("img1.jpg")).width(), "a baseline photo is previewed as before");
    }

    static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs((p >> shift & 0xff) - (q >> shift & 0xff));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
