package dev.visage.shared.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class BodyLimitFilterTest {

    @Test
    void utf8IsCheckedToTheFirstBadByte() {
        assertEquals(-1, BodyLimitFilter.invalidUtf8At("{\"name\":\"Zoë ☃ 𝄞\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-1, BodyLimitFilter.invalidUtf8At(("[\"" + "é".repeat(20_000) + "\"]").getBytes(StandardCharsets.UTF_8)));
        assertEquals(3, BodyLimitFilter.invalidUtf8At(new byte[] {'[', '"', 'a', (byte) 0xff, '"', ']'}));
        // a surrogate encoded as three bytes (CESU-8) is not UTF-8
        assertEquals(1, BodyLimitFilter.invalidUtf8At(new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'}));
        // cut off inside a character
        assertEquals(2, BodyLimitFilter.invalidUtf8At(new byte[] {'"', 'a', (byte) 0xc3}));
    }

    @Test
    void jsonMediaTypes() {
        assertTrue(BodyLimitFilter.isJson(MediaType.valueOf("application/json; charset=utf-8")));
        assertTrue(BodyLimitFilter.isJson(MediaType.valueOf("application/merge-patch+json")));
        assertFalse(BodyLimitFilter.isJson(MediaType.valueOf("multipart/form-data; boundary=x")));
        assertFalse(BodyLimitFilter.isJson(null));
    }
}
