package dev.visage.shared.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read (and skipped) through it and tells the subclass the running total after
 * every read, so that a limit is enforced while a stream is consumed, never after buffering it.
 * Marks are not supported: a reset would un-count bytes.
 */
public abstract class CountingInputStream extends FilterInputStream {

    private long count;

    protected CountingInputStream(InputStream in) {
        super(in);
    }

    /** Called with the total so far after each read that returned bytes; may throw to stop the reader. */
    protected abstract void counted(long total) throws IOException;

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

    private void count(long n) throws IOException {
        count += n;
        counted(count);
    }
}
