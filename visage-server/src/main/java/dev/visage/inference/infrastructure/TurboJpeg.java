package dev.visage.inference.infrastructure;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The TurboJPEG API of libjpeg-turbo (Debian's {@code libturbojpeg0}, 2.1.x) bound through JNA.
 * JNA rather than Debian's {@code libturbojpeg-java} (JNI): its jar is not on Maven Central and
 * {@code System.loadLibrary} from a WAR breaks on redeploy; JNA needs only the C library and
 * fails softly when it is missing, which lets Visage fall back to ImageIO.
 */
public final class TurboJpeg {

    private static final Logger LOG = Logger.getLogger(TurboJpeg.class.getName());

    static final int TJPF_BGR = 1;
    static final int TJCS_CMYK = 3;
    static final int TJCS_YCCK = 4;
    static final int TJERR_WARNING = 0;
    /** Refuses progressive JPEGs with more than 500 scans, a known way to burn minutes of CPU. */
    static final int TJFLAG_LIMITSCANS = 32768;

    /** The C functions used (turbojpeg.h). {@code unsigned long} sizes are NativeLong (LP64). */
    interface Api extends Library {
        Pointer tjInitDecompress();

        int tjDecompressHeader3(Pointer handle, Pointer jpegBuf, NativeLong jpegSize, IntByReference width,
                                IntByReference height, IntByReference subsamp, IntByReference colorspace);

        int tjDecompress2(Pointer handle, Pointer jpegBuf, NativeLong jpegSize, Pointer dstBuf, int width, int pitch,
                          int height, int pixelFormat, int flags);

        String tjGetErrorStr2(Pointer handle);

        int tjGetErrorCode(Pointer handle);

        Pointer tjGetScalingFactors(IntByReference count);

        int tjDestroy(Pointer handle);
    }

    /** A JPEG's header: size and colour space, read without decoding any pixel. */
    record Header(int width, int height, int colorspace) {
        boolean cmyk() {
            return colorspace == TJCS_CMYK || colorspace == TJCS_YCCK;
        }
    }

    /** Failure of the library: not a JPEG it can read, or refused (too many scans). */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    private final Api api;
    private final List<Integer> denominators;

    private TurboJpeg(Api api, List<Integer> denominators) {
        this.api = api;
        this.denominators = denominators;
    }

    /** The library if this machine has it (the soname of Debian's runtime package first). */
    static Optional<TurboJpeg> load() {
        for (String name : List.of("libturbojpeg.so.0", "turbojpeg")) {
            try {
                Api api = Native.load(name, Api.class);
                return Optional.of(new TurboJpeg(api, reducingDenominators(api)));
            } catch (UnsatisfiedLinkError e) {
                // a missing library is an expected deployment state: the caller falls back and says so
                LOG.log(Level.FINE, "no " + name, e);
            }
        }
        return Optional.empty();
    }

    /** The scales 1/d (d = 2, 4, 8) this build offers, largest reduction first. */
    private static List<Integer> reducingDenominators(Api api) {
        IntByReference count = new IntByReference();
        Pointer factors = api.tjGetScalingFactors(count);
        List<Integer> found = new ArrayList<>();
        for (int i = 0; factors != null && i < count.getValue(); i++) {
            int num = factors.getInt(8L * i);
            int denom = factors.getInt(8L * i + 4);
            if (num == 1 && (denom == 2 || denom == 4 || denom == 8)) {
                found.add(denom);
            }
        }
        found.sort((a, b) -> b - a);
        return List.copyOf(found);
    }

    /** The smallest scale 1/d whose longer side is still at least {@code minLongSide}; 1 if none. */
    int denominatorFor(int width, int height, int minLongSide) {
        int longSide = Math.max(width, height);
        for (int d : denominators) {
            if (scaled(longSide, d) >= minLongSide) {
                return d;
            }
        }
        return 1;
    }

    /** TJSCALED: libjpeg rounds a reduced dimension up. */
    static int scaled(int dimension, int denominator) {
        return (dimension + denominator - 1) / denominator;
    }

    Header header(Memory jpeg) throws Failure {
        Pointer handle = api.tjInitDecompress();
        try {
            IntByReference w = new IntByReference();
            IntByReference h = new IntByReference();
            IntByReference subsamp = new IntByReference();
            IntByReference colorspace = new IntByReference();
            if (api.tjDecompressHeader3(handle, jpeg, new NativeLong(jpeg.size()), w, h, subsamp, colorspace) != 0) {
                throw new Failure(api.tjGetErrorStr2(handle));
            }
            return new Header(w.getValue(), h.getValue(), colorspace.getValue());
        } finally {
            api.tjDestroy(handle);
        }
    }

    /**
     * Decodes to {@code width}×{@code height}, which must be the header's size at one of the offered
     * scales (TurboJPEG picks the DCT scale from the requested size), into {@code bgr} (B,G,R
     * bytes, row-major). Returns the warning libjpeg-turbo recovered from, if any.
     */
    Optional<String> decode(Memory jpeg, int width, int height, byte[] bgr) throws Failure {
        Pointer handle = api.tjInitDecompress();
        try (Memory dst = new Memory((long) width * height * 3)) {
            int rc = api.tjDecompress2(handle, jpeg, new NativeLong(jpeg.size()), dst, width, width * 3, height,
                    TJPF_BGR, TJFLAG_LIMITSCANS);
            Optional<String> warning = Optional.empty();
            if (rc != 0) {
                String message = api.tjGetErrorStr2(handle);
                if (api.tjGetErrorCode(handle) != TJERR_WARNING) {
                    throw new Failure(message);
                }
                // without TJFLAG_STOPONWARNING the image is complete, with grey where data was missing
                warning = Optional.of(message);
            }
            dst.read(0, bgr, 0, width * height * 3);
            return warning;
        } finally {
            api.tjDestroy(handle);
        }
    }
}
