package dev.visage.shared.interfaces.rest;

import dev.visage.shared.io.CountingInputStream;
import java.io.InputStream;

/**
 * Passes at most {@code limit} bytes through; reading past them throws the 413 instead of
 * buffering the rest, so a chunked body of any size costs no more memory than its limit.
 */
final class LimitedInputStream extends CountingInputStream {

    private final long limit;
    private final String field;
    private final String setting;
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
    protected void counted(long total) {
        if (total > limit) {
            if (exceeded == null) {
                exceeded = new BodyTooLargeException(field, limit, setting);
            }
            throw exceeded;
        }
    }
}
