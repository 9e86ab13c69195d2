package dev.visage.shared.interfaces.rest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes at most {@code limit} bytes through; reading past them throws the 413 instead of
 * buffering the rest, so a chunked body of any size costs no more memory than its limit.
 */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private final String field;
    private final String setting;
    private long count;
    private BodyTooLargeException exceeded;

    LimitedInputStream(InputStream in, long limit, String field, String setting) {
        super(in);
        this.limit = limit;
        this.field = field;
        this.setting = setting;
    }

    /** The 413 once the body went over its limit (readers may have wrapped or swallowed the throw). */
    BodyTooLargeException exceeded() {
        return exceeded;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long n) {
        count += n;
        if (count > limit) {
            if (exceeded == null) {
                exceeded = new BodyTooLargeException(field, limit, setting);
            }
            throw exceeded;
        }
    }
}
