package dev.visage.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.inference.application.DecodedImage;
import dev.visage.inference.application.UndecodableImageException;
import dev.visage.inference.application.internal.ImageIoDecoder;
import dev.visage.inference.infrastructure.TurboJpegDecoder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped decoder on real photos: libjpeg-turbo (installed by ./visage on Debian) agrees with
 * the JDK's reader, decodes at reduced DCT scales, and reports damage instead of hiding it.
 */
class TurboJpegDecoderTest {

    private final TurboJpegDecoder decoder = Inference.decoder();
    private final ImageIoDecoder imageIo = new ImageIoDecoder(40_000_000);

    @Test
    void libjpegTurboIsActiveOnThisMachine() {
        // ./visage installs libturbojpeg0; a silent fallback to ImageIO would cost 5-25× per photo
        assertEquals("libjpeg-turbo", decoder.jpegDecoder());
    }

    /** Progressive and baseline photos without an ICC profile (the JDK applies one; TurboJPEG does not). */
    @Test
    void fullScaleMatchesTheJdkReader() throws Exception {
        for (String photo : List.of("img2.jpg", "img15.jpg")) {
            DecodedImage turbo = decoder.decode(Inference.photo(photo));
            DecodedImage jdk = imageIo.decode(Inference.photo(photo));
            assertEquals(jdk.width(), turbo.width(), photo);
            assertEquals(jdk.height(), turbo.height(), photo);
            assertEquals(1.0, turbo.scale());
            assertEquals(List.of(), turbo.warnings());
            double mad = meanAbsoluteDifference(turbo, jdk);
            assertTrue(mad < 1.0, photo + ": same pixels within rounding, mean difference " + mad);
        }
    }

    @Test
    void webpGoesToLibwebpWithTheJavaReadersPixels() throws Exception {
        // ./visage installs libwebp7; the Java reader took 450-1000 ms on this photo
        assertEquals("libwebp", decoder.webpDecoder());
        byte[] webp = Inference.photo("img47.jpg"); // WebP content under a .jpg name, 1350x1800
        DecodedImage native_ = decoder.decode(webp);
        DecodedImage java = imageIo.decode(webp);
        assertEquals("webp", native_.format());
        assertEquals(java.width(), native_.width());
        assertEquals(java.height(), native_.height());
        assertEquals(List.of(), native_.warnings());
        double mad = meanAbsoluteDifference(native_, java);
        // libwebp is WebP's reference decoder; the Java reader's YUV to RGB conversion comes out about
        // four levels darker in red on this photo (3.8 on average over the channels), so not exact
        assertTrue(mad < 5.0, "the same picture, mean difference " + mad);
    }

    @Test
    void reducedScaleKeepsTheLongerSideAtLeastAsAsked() throws Exception {
        byte[] couple = Inference.photo("couple.jpg"); // 2280×1588
        DecodedImage half = decoder.decode(couple, 1140);
        assertEquals(0.5, half.scale());
        assertEquals(1140, half.width());
        assertEquals(794, half.height());
        assertEquals(2280, half.originalWidth());
        assertEquals(1588, half.originalHeight());
        DecodedImage quarter = decoder.decode(couple, 500);
        assertEquals(0.25, quarter.scale());
        assertEquals(570, quarter.width());
        DecodedImage eighth = decoder.decode(couple, 1);
        assertEquals(0.125, eighth.scale());
        assertEquals(285, eighth.width());
        assertEquals(199, eighth.height(), "libjpeg rounds a reduced size up");
        DecodedImage full = decoder.decode(couple, 1141);
        assertEquals(1.0, full.scale(), "1/2 would give 1140 < 1141");
        assertEquals(2280, full.width());
    }

    @Test
    void aTruncatedJpegIsDecodedWithATruncatedWarning() throws Exception {
        for (String photo : List.of("couple.jpg", "img2.jpg")) {
            byte[] whole = Inference.photo(photo);
            DecodedImage cut = decoder.decode(Arrays.copyOf(whole, whole.length * 6 / 10));
            DecodedImage intact = decoder.decode(whole);
            assertEquals(intact.width(), cut.width(), photo);
            assertEquals(1, cut.warnings().size(), photo + ": " + cut.warnings());
            assertTrue(cut.warnings().get(0).startsWith("truncated: "), photo + ": " + cut.warnings());
            // the top of the picture is there: the first rows equal the intact decode
            assertEquals(intact.image().getRGB(intact.width() / 2, 2), cut.image().getRGB(cut.width() / 2, 2), photo);
        }
    }

    @Test
    void theJdkFallbackWordsATruncatedJpegTheSameWay() throws Exception {
        byte[] whole = Inference.photo("couple.jpg");
        DecodedImage cut = imageIo.decode(Arrays.copyOf(whole, whole.length * 6 / 10));
        assertTrue(cut.warnings().stream().anyMatch(w -> w.startsWith("truncated: ")), cut.warnings().toString());
    }

    @Test
    void aTruncatedPngFailsWithAClearReason() throws Exception {
        byte[] png = ImageDecodingTest.encode(imageIo.decode(Inference.photo("img2.jpg")).image(), "png");
        var e = assertThrows(UndecodableImageException.class, () -> decoder.decode(Arrays.copyOf(png, png.length * 6 / 10)));
        assertTrue(e.getMessage().startsWith("not an image: truncated: "), e.getMessage());
    }

    @Test
    void aTruncatedWebpFailsWithAClearReason() throws Exception {
        byte[] webp = Inference.photo("img47.jpg"); // WebP despite its name
        var e = assertThrows(UndecodableImageException.class, () -> decoder.decode(Arrays.copyOf(webp, webp.length * 6 / 10)));
        assertTrue(e.getMessage().startsWith("not an image: truncated: "), e.getMessage());
    }

    @Test
    void refusesTooManyPixelsFromTheHeaderAlone() throws Exception {
        long maxPixels = 1000;
        TurboJpegDecoder small = new TurboJpegDecoder(maxPixels, new ImageIoDecoder(maxPixels));
        byte[] photo = Inference.photo("couple.jpg");
        byte[] header = Arrays.copyOf(photo, photo.length / 20); // little scan data: a decode would warn
        var e = assertThrows(UndecodableImageException.class, () -> small.decode(header));
        assertEquals("image too large: 2280x1588 exceeds 1000 pixels", e.getMessage());
    }

    @Test
    void aJpegWithNothingAfterItsMarkersIsNotAnImage() {
        byte[] soiOnly = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
        var e = assertThrows(UndecodableImageException.class, () -> decoder.decode(soiOnly));
        assertTrue(e.getMessage().startsWith("not an image: "), e.getMessage());
    }

    @Test
    void greyJpegsDecodeAsGrey() throws Exception {
        java.awt.image.BufferedImage grey = new java.awt.image.BufferedImage(64, 32,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(10, 10, 0, 200);
        DecodedImage image = decoder.decode(ImageDecodingTest.encode(grey, "jpeg"));
        assertEquals(64, image.width());
        int p = image.image().getRGB(40, 20);
        assertEquals((p >> 16) & 0xff, p & 0xff, "R = B on a grey picture");
    }

    static double meanAbsoluteDifference(DecodedImage a, DecodedImage b) {
        int w = a.width();
        int h = a.height();
        int[] pa = a.image().getRGB(0, 0, w, h, null, 0, w);
        int[] pb = b.image().getRGB(0, 0, w, h, null, 0, w);
        long sum = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int s = 0; s <= 16; s += 8) {
                sum += Math.abs(((pa[i] >> s) & 0xff) - ((pb[i] >> s) & 0xff));
            }
        }
        return sum / (3.0 * pa.length);
    }
}
