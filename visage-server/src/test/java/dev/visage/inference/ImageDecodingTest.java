package dev.visage.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.inference.application.DecodedImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** WebP, BMP, PNG and EXIF orientation, beyond ImageIoDecoderTest's basics. */
class ImageDecodingTest {

    @Test
    void img47IsWebpAndDecodes() throws Exception {
        DecodedImage image = Inference.decoder().decode(Inference.photo("img47.jpg"));
        assertEquals("webp", image.format());
        assertEquals(1350, image.width());
        assertEquals(1800, image.height());
    }

    @Test
    void bmpAndPngDecode() throws Exception {
        for (String format : new String[] {"bmp", "png"}) {
            DecodedImage image = Inference.decoder().decode(encode(halves(), format));
            assertEquals(format, image.format());
            assertEquals(40, image.width());
        }
    }

    /** 40×20: left half red, right half blue. */
    static BufferedImage halves() {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 20, 20);
        g.setColor(Color.BLUE);
        g.fillRect(20, 0, 20, 20);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out));
        return out.toByteArray();
    }

    /** A JPEG with an EXIF APP1 segment carrying only the orientation tag (big-endian TIFF). */
    static byte[] jpegWithOrientation(BufferedImage image, int orientation) throws Exception {
        byte[] jpeg = encode(image, "jpeg");
        byte[] tiff = {
            'M', 'M', 0, 42, 0, 0, 0, 8, // header, IFD0 at 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, // Orientation, SHORT, count 1, value
            0, 0, 0, 0, // no next IFD
        };
        ByteArrayOutputStream app1 = new ByteArrayOutputStream();
        app1.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        app1.writeBytes(tiff);
        int length = app1.size() + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        out.writeBytes(app1.toByteArray());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    static boolean reddish(int rgb) {
        return ((rgb >> 16) & 0xff) > 180 && (rgb & 0xff) < 90;
    }

    @Test
    void exifOrientationIsApplied() throws Exception {
        // 6 = rotate 90° clockwise to display: the left (red) half ends up on top
        DecodedImage six = Inference.decoder().decode(jpegWithOrientation(halves(), 6));
        assertEquals(20, six.width());
        assertEquals(40, six.height());
        assertTrue(reddish(six.image().getRGB(10, 5)), "top is red");
        assertTrue(!reddish(six.image().getRGB(10, 35)), "bottom is blue");
        // 8 = rotate 90° counter-clockwise: red at the bottom
        DecodedImage eight = Inference.decoder().decode(jpegWithOrientation(halves(), 8));
        assertTrue(reddish(eight.image().getRGB(10, 35)), "bottom is red");
        // 3 = 180°: red on the right
        DecodedImage three = Inference.decoder().decode(jpegWithOrientation(halves(), 3));
        assertEquals(40, three.width());
        assertTrue(reddish(three.image().getRGB(35, 10)), "right is red");
        // 1 = as stored
        DecodedImage one = Inference.decoder().decode(jpegWithOrientation(halves(), 1));
        assertTrue(reddish(one.image().getRGB(5, 10)), "left is red");
    }
}
