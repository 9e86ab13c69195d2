package dev.visage.shared.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class LimitedInputStreamTest {

    @Test
    void aBodyAtTheLimitPassesAndOneByteMoreThrowsThe413() throws IOException {
        LimitedInputStream atLimit = new LimitedInputStream(new ByteArrayInputStream(new byte[10]), 10, "body", "s");
        assertEquals(10, atLimit.readAllBytes().length);
        assertNull(atLimit.exceeded());

        LimitedInputStream over = new LimitedInputStream(new ByteArrayInputStream(new byte[11]), 10, "body", "s");
        BodyTooLargeException e = assertThrows(BodyTooLargeException.class, over::readAllBytes);
        assertSame(e, over.exceeded(), "remembered for readers that wrap the throw");
        assertEquals("body: larger than the limit of 10 bytes (raise it with s)", e.getMessage());
    }

    @Test
    void theDeclaredLengthIsReadWhenItIsANumber() {
        assertEquals(1_300_000_000_000L, BodyLimitFilter.declaredLength("1300000000000"));
        assertEquals(-1, BodyLimitFilter.declaredLength(null));
        assertEquals(-1, BodyLimitFilter.declaredLength("lots"));
    }

    @Test
    void aWrapped413IsFoundAgain() {
        BodyTooLargeException e = new BodyTooLargeException("body", 1, "s");
        assertSame(e, BodyTooLargeException.in(new UncheckedIOException(new IOException("reader", e))));
        assertNull(BodyTooLargeException.in(new IOException("other")));
    }
}
