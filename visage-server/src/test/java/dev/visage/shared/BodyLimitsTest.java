package dev.visage.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.shared.interfaces.rest.BodyLimits;
import dev.visage.shared.interfaces.rest.BodyTooLargeException;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BodyLimitsTest {

    private final BodyLimits limits = new BodyLimits(1000, 100, 5000, 1 << 20);

    @Test
    void eachKindOfBodyHasItsLimitAndSetting() {
        assertEquals(new BodyLimits.Limit(100, "visage.limits.json-bytes"), limits.of(BodyLimits.Kind.JSON, 0));
        assertEquals(new BodyLimits.Limit(2100, "visage.limits.image-bytes"), limits.of(BodyLimits.Kind.IMAGES, 2));
        assertEquals(new BodyLimits.Limit(5000, "visage.limits.import-bytes"), limits.of(BodyLimits.Kind.IMPORT, 0));
        assertEquals(new BodyLimits.Limit(1 << 20, "visage.batch.zip.max-upload-bytes"),
                limits.of(BodyLimits.Kind.ARCHIVE, 0));
        // 1000 bytes are 1336 base64 characters (+ 34 for MIME line breaks): an image at the limit fits.
        assertTrue(limits.of(BodyLimits.Kind.BASE64_IMAGES, 1).bytes() >= 1336 + 100);
    }

    @Test
    void withoutAnAnnotationMultipartCarriesOneImageAndAnythingElseIsJson() {
        assertEquals(limits.of(BodyLimits.Kind.IMAGES, 1),
                limits.of(null, MediaType.valueOf("multipart/form-data; boundary=x")));
        assertEquals(limits.of(BodyLimits.Kind.JSON, 0), limits.of(null, MediaType.APPLICATION_JSON_TYPE));
        assertEquals(limits.of(BodyLimits.Kind.JSON, 0), limits.of(null, null));
    }

    @Test
    void anImageAtTheLimitIsReadAndOneByteMoreIs413NamingTheSetting() {
        assertEquals(1000, limits.readImage("file", new ByteArrayInputStream(new byte[1000])).length);
        BodyTooLargeException e = assertThrows(BodyTooLargeException.class,
                () -> limits.readImage("file", new ByteArrayInputStream(new byte[1001])));
        assertEquals(413, e.status());
        assertEquals("file: larger than the limit of 1000 bytes (raise it with visage.limits.image-bytes)", e.getMessage());
        assertEquals("file", e.invalidParams().get(0).name());
    }

    @Test
    void anEndlessStreamIsNotReadPastTheLimit() {
        InputStream endless = new InputStream() {
            long served;

            @Override
            public int read() {
                served++;
                assertTrue(served <= 1001, "read past the limit");
                return 'x';
            }
        };
        assertThrows(BodyTooLargeException.class, () -> limits.readImage("file", endless));
    }

    @Test
    void base64ImagesAreBoundedBeforeDecoding() {
        byte[] image = new byte[999];
        assertArrayEquals(image, limits.base64Image("image", Base64.getEncoder().encodeToString(image)));
        assertArrayEquals(image, limits.base64Image("image", "data:image/jpeg;base64,"
                + Base64.getEncoder().encodeToString(image)));
        assertThrows(BodyTooLargeException.class,
                () -> limits.base64Image("image", Base64.getEncoder().encodeToString(new byte[1010])));
        assertEquals(null, limits.base64Image("image", " "));
    }
}
