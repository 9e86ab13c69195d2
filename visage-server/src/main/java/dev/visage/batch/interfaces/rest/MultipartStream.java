package dev.visage.batch.interfaces.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A streaming multipart/form-data reader (RFC 7578): parts are read one after the other, their
 * bodies as streams straight from the request, so a multi-gigabyte upload never sits in memory or
 * in a container's temporary file. A part's body must be read (or is skipped) before the next.
 */
public final class MultipartStream {

    private static final int MAX_HEADERS = 16 * 1024;
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    /** CRLF "--" boundary: what ends every part. */
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean started;
    private boolean done;
    private Body current;

    /** @param boundary the boundary parameter of the Content-Type */
    public MultipartStream(InputStream in, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            throw new IllegalArgumentException("a multipart boundary of 1-200 characters is required");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[BUFFER + delimiter.length];
        // The first boundary may open the body without a preceding CRLF: pretend there was one.
        buf[0] = '\r';
        buf[1] = '\n';
        limit = 2;
    }

    /** The boundary of a multipart/form-data Content-Type header, if it has one. */
    public static Optional<String> boundary(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = p.substring("boundary=".length()).trim();
                if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() ? Optional.empty() : Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** The body is not well-formed multipart (or a field is too long): the client's fault. */
    public static final class Malformed extends IOException {
        public Malformed(String message) {
            super(message);
        }
    }

    /** One part: its form name, file name (null for plain fields), declared type, and body. */
    public record Part(String name, String fileName, String contentType, InputStream body) {

        /** A small text field's value (at most {@code max} bytes, UTF-8). */
        public String text(int max) throws IOException {
            byte[] bytes = body.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new Malformed("form field '" + name + "' is longer than " + max + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The next part, or empty after the closing boundary. */
    public Optional<Part> next() throws IOException {
        if (done) {
            return Optional.empty();
        }
        if (current != null) {
            current.skipRest();
        } else if (!started) {
            skipPreamble();
        }
        started = true;
        // After a delimiter: "--" closes the body, CRLF opens the next part.
        ensure(2);
        if (limit - pos < 2) {
            throw new Malformed("multipart body ends after a boundary");
        }
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            done = true;
            return Optional.empty();
        }
        if (buf[pos] != '\r' || buf[pos + 1] != '\n') {
            throw new Malformed("no line break after a boundary");
        }
        pos += 2;
        String headers = readHeaders();
        String name = null;
        String fileName = null;
        String type = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (header.equals("content-disposition")) {
                name = param(value, "name");
                fileName = param(value, "filename");
            } else if (header.equals("content-type")) {
                type = value;
            }
        }
        current = new Body();
        return Optional.of(new Part(name, fileName, type, current));
    }

    private void skipPreamble() throws IOException {
        while (true) {
            ensure(delimiter.length);
            int at = indexOf(pos);
            if (at >= 0) {
                pos = at + delimiter.length;
                return;
            }
            if (eof) {
                throw new Malformed("no multipart boundary in the body");
            }
            pos = Math.max(pos, limit - delimiter.length + 1);
            fill();
        }
    }

    private String readHeaders() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            ensure(4);
            if (limit - pos < 1) {
                throw new Malformed("multipart body ends inside part headers");
            }
            byte b = buf[pos++];
            sb.append((char) (b & 0xFF));
            int n = sb.length();
            if (n >= 4 && sb.charAt(n - 4) == '\r' && sb.charAt(n - 3) == '\n' && sb.charAt(n - 2) == '\r'
                    && sb.charAt(n - 1) == '\n') {
                // Header values are UTF-8 in practice (RFC 7578 section 5.1); re-decode them as such.
                return new String(sb.substring(0, n - 4).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
            if (n == 2 && sb.charAt(0) == '\r' && sb.charAt(1) == '\n') {
                return "";
            }
            if (n > MAX_HEADERS) {
                throw new Malformed("part headers longer than " + MAX_HEADERS + " bytes");
            }
        }
    }

    /** Makes at least {@code n} unread bytes available unless the input ends first. */
    private void ensure(int n) throws IOException {
        while (limit - pos < n && !eof) {
            fill();
        }
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            return;
        }
        int r = in.read(buf, limit, buf.length - limit);
        if (r < 0) {
            eof = true;
        } else {
            limit += r;
        }
    }

    /** The first delimiter at or after {@code from} within the buffered bytes, or -1. */
    private int indexOf(int from) {
        outer:
        for (int i = from; i <= limit - delimiter.length; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String param(String header, String name) {
        for (String p : header.split(";")) {
            String t = p.trim();
            int eq = t.indexOf('=');
            if (eq > 0 && t.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = t.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
                }
                return v;
            }
        }
        return null;
    }

    /** The current part's body: ends where the next delimiter starts. */
    private final class Body extends InputStream {

        private boolean finished;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (finished || current != this) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                ensure(delimiter.length);
                int at = indexOf(pos);
                if (at == pos) {
                    pos += delimiter.length;
                    finished = true;
                    return -1;
                }
                // Bytes that cannot be the start of a delimiter are safe to hand out.
                int safe = at >= 0 ? at - pos : eof ? limit - pos : limit - pos - delimiter.length + 1;
                if (safe > 0) {
                    int n = Math.min(len, safe);
                    System.arraycopy(buf, pos, b, off, n);
                    pos += n;
                    return n;
                }
                if (eof) {
                    throw new Malformed("multipart body ends inside a part (no closing boundary)");
                }
                fill();
            }
        }

        void skipRest() throws IOException {
            byte[] sink = new byte[BUFFER];
            while (read(sink, 0, sink.length) >= 0) {
                // draining up to the next boundary
            }
        }
    }
}
