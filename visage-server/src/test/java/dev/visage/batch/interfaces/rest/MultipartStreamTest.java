package dev.visage.batch.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartStreamTest {

    static final String BOUNDARY = "----visageBoundary7MA4YWxkTrZu0gW";

    @Test
    void partsAreReadInOrderWithBinaryBodiesIntactWhateverTheChunking() throws IOException {
        byte[] file = new byte[300_000];
        new Random(7).nextBytes(file);
        // Bodies that look like boundaries without being one.
        byte[] tricky = ("\r\n--" + BOUNDARY.substring(0, 10) + "x\r\n--").getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(tricky, 0, file, 1000, tricky.length);
        byte[] body = form(List.of(
                new String[] {"projectId", null, "event-1"},
                new String[] {"file", "photos.zip", null},
                new String[] {"priority", null, "7"}), file);
        for (int chunk : new int[] {1, 3, 17, 4096, 1 << 20}) {
            MultipartStream in = new MultipartStream(chunked(body, chunk), BOUNDARY);
            MultipartStream.Part a = in.next().orElseThrow();
            assertEquals("projectId", a.name());
            assertNull(a.fileName());
            assertEquals("event-1", a.text(100));
            MultipartStream.Part f = in.next().orElseThrow();
            assertEquals("file", f.name());
            assertEquals("photos.zip", f.fileName());
            assertEquals("application/zip", f.contentType());
            assertArrayEquals(file, f.body().readAllBytes(), "chunk " + chunk);
            MultipartStream.Part p = in.next().orElseThrow();
            assertEquals("7", p.text(10));
            assertEquals(Optional.empty(), in.next());
            assertEquals(Optional.empty(), in.next());
        }
    }

    @Test
    void anUnreadPartIsSkipped() throws IOException {
        byte[] body = form(List.of(new String[] {"file", "a.zip", null}, new String[] {"projectId", null, "p"}),
                new byte[100_000]);
        MultipartStream in = new MultipartStream(new ByteArrayInputStream(body), BOUNDARY);
        assertEquals("file", in.next().orElseThrow().name());
        assertEquals("p", in.next().orElseThrow().text(10));
    }

    @Test
    void truncatedBodiesAndOverlongFieldsAreMalformed() throws IOException {
        byte[] body = form(List.<String[]>of(new String[] {"file", "a.zip", null}), new byte[1000]);
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 60);
        MultipartStream in = new MultipartStream(new ByteArrayInputStream(cut), BOUNDARY);
        InputStream part = in.next().orElseThrow().body();
        assertThrows(MultipartStream.Malformed.class, part::readAllBytes);
        assertThrows(MultipartStream.Malformed.class,
                () -> new MultipartStream(new ByteArrayInputStream("no boundary here".getBytes()), BOUNDARY).next());
        byte[] longField = form(List.<String[]>of(new String[] {"projectId", null, "x".repeat(5000)}), null);
        MultipartStream.Part p = new MultipartStream(new ByteArrayInputStream(longField), BOUNDARY).next().orElseThrow();
        assertThrows(MultipartStream.Malformed.class, () -> p.text(4096));
    }

    @Test
    void theBoundaryComesFromTheContentType() {
        assertEquals(Optional.of("abc"), MultipartStream.boundary("multipart/form-data; boundary=abc"));
        assertEquals(Optional.of("a b"), MultipartStream.boundary("multipart/form-data; charset=utf-8; boundary=\"a b\""));
        assertTrue(MultipartStream.boundary("multipart/form-data").isEmpty());
        assertEquals("x.zip", MultipartStream.param("form-data; name=\"file\"; filename=\"x.zip\"", "filename"));
    }

    /** Each entry: name, file name (null for a field), field value (for fields). */
    static byte[] form(List<String[]> parts, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "preamble to ignore\r\n");
        for (String[] p : parts) {
            write(out, "--" + BOUNDARY + "\r\n");
            if (p[1] == null) {
                write(out, "Content-Disposition: form-data; name=\"" + p[0] + "\"\r\n\r\n" + p[2] + "\r\n");
            } else {
                write(out, "Content-Disposition: form-data; name=\"" + p[0] + "\"; filename=\"" + p[1]
                        + "\"\r\nContent-Type: application/zip\r\n\r\n");
                out.writeBytes(file);
                write(out, "\r\n");
            }
        }
        write(out, "--" + BOUNDARY + "--\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Hands out at most {@code chunk} bytes per read, as a network does. */
    static InputStream chunked(byte[] body, int chunk) {
        return new FilterInputStream(new ByteArrayInputStream(body)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    @SuppressWarnings("unused")
    private static List<String> names(MultipartStream in) throws IOException {
        List<String> names = new ArrayList<>();
        for (Optional<MultipartStream.Part> p = in.next(); p.isPresent(); p = in.next()) {
            names.add(p.get().name());
        }
        return names;
    }
}
