package dev.visage.inference.infrastructure;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * libwebp's simple decoding API through JNA (Debian's {@code libwebp7}). Why: the pure-Java WebP
 * reader took 450–1 000 ms for one 2.4 MP photo here, decoded twice per photo (upload and worker),
 * a fifth of Liberty's Java CPU over the data set's 64 photos, of which one is WebP
 * (docs/BENCHMARKS.md "WebP"). A stream libwebp refuses is left to the Java reader, which can
 * say what is damaged.
 */
final class LibWebp {

    private static final Logger LOG = Logger.getLogger(LibWebp.class.getName());

    interface Api extends Library {
        /** Non-zero when the header is readable; fills width and height. */
        int WebPGetInfo(byte[] data, NativeLong size, IntByReference width, IntByReference height);

        /** Decodes into {@code output} (B, G, R per pixel); null on any error. */
        Pointer WebPDecodeBGRInto(byte[] data, NativeLong size, byte[] output, NativeLong outputSize, int stride);
    }

    record Size(int width, int height) {
    }

    private final Api api;

    private LibWebp(Api api) {
        this.api = api;
    }

    /** The library, when this machine has it. */
    static Optional<LibWebp> load() {
        for (String name : new String[] {"webp", "libwebp.so.7"}) {
            try {
                return Optional.of(new LibWebp(Native.load(name, Api.class)));
            } catch (UnsatisfiedLinkError e) {
                // a missing library is an expected deployment state: the caller falls back to the Java reader
                LOG.log(Level.FINE, "no " + name, e);
            }
        }
        return Optional.empty();
    }

    Optional<Size> size(byte[] webp) {
        IntByReference w = new IntByReference();
        IntByReference h = new IntByReference();
        if (api.WebPGetInfo(webp, new NativeLong(webp.length), w, h) == 0 || w.getValue() < 1 || h.getValue() < 1) {
            return Optional.empty();
        }
        return Optional.of(new Size(w.getValue(), h.getValue()));
    }

    /** Decodes into a width×height BGR buffer; false when libwebp refuses the data. */
    boolean decodeBgr(byte[] webp, Size size, byte[] bgr) {
        return api.WebPDecodeBGRInto(webp, new NativeLong(webp.length), bgr, new NativeLong(bgr.length),
                size.width() * 3) != null;
    }
}
