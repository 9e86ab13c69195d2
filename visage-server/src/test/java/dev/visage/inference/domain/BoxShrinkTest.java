package dev.visage.inference.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Resampler#boxShrink}: each output pixel is the mean of its factor×factor block, black outside the photo. */
class BoxShrinkTest {

    @Test
    void everyOutputPixelIsTheMeanOfItsBlockWithBlackOutside() {
        Random random = new Random(7);
        byte[] rgb = new byte[37 * 23 * 3];
        random.nextBytes(rgb);
        RgbImage image = new RgbImage(37, 23, rgb);
        int[][] cases = {{0, 0, 13, 8, 3}, {-5, -4, 9, 7, 4}, {30, 20, 5, 4, 2}, {-2, 3, 20, 10, 2}};
        for (int[] c : cases) {
            int x0 = c[0], y0 = c[1], w = c[2], h = c[3], f = c[4];
            RgbImage small = Resampler.boxShrink(image, x0, y0, w, h, f);
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    for (int ch = 0; ch < 3; ch++) {
                        int sum = 0;
                        for (int dy = 0; dy < f; dy++) {
                            for (int dx = 0; dx < f; dx++) {
                                int x = x0 + i * f + dx;
                                int y = y0 + j * f + dy;
                                if (x >= 0 && y >= 0 && x < 37 && y < 23) {
                                    sum += rgb[(y * 37 + x) * 3 + ch] & 0xff;
                                }
                            }
                        }
                        assertEquals(Math.round(sum / (float) (f * f)), small.rgb()[(j * w + i) * 3 + ch] & 0xff,
                                "pixel " + i + "," + j + " channel " + ch + " of case " + java.util.Arrays.toString(c));
                    }
                }
            }
        }
    }
}
