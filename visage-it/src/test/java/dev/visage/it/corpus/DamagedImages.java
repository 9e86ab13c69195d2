package dev.visage.it.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Damaged and hostile "images", generated from a real photo with a fixed seed so that a failure
 * can be reproduced: random bytes, bit flips, truncations, headers that declare huge dimensions,
 * a PNG bomb (small file, 256 megapixels of zeros) and a ZIP bomb.
 */
public final class DamagedImages {

    /** An input and its name (the name says what was done to it, for the failure message). */
    public record Sample(String name, byte[] bytes) {
        @Override
        public String toString() {
            return name + " (" + bytes.length + " bytes)";
        }
    }

    private DamagedImages() {
    }

    /** The corpus made from {@code jpeg} (a real photo) and {@code png} (the same photo as PNG). */
    public static List<Sample> from(byte[] jpeg, byte[] png) {
        Random random = new Random(13);
        List<Sample> samples = new ArrayList<>();
        samples.add(new Sample("empty", new byte[0]));
        samples.add(new Sample("random-1k", bytes(random, 1024)));
        samples.add(new Sample("random-64k", bytes(random, 64 * 1024)));
        for (int flips : new int[] {10, 200}) {
            samples.add(new Sample("jpeg-" + flips + "-bits-flipped", flipped(jpeg, flips, random)));
        }
        samples.add(new Sample("png-50-bits-flipped", flipped(png, 50, random)));
        for (int percent : new int[] {5, 50, 90}) {
            samples.add(new Sample("jpeg-truncated-at-" + percent + "%", Arrays.copyOf(jpeg, jpeg.length * percent / 100)));
        }
        samples.add(new Sample("png-truncated-at-60%", Arrays.copyOf(png, png.length * 60 / 100)));
        samples.add(new Sample("jpeg-sof-65535x65535", jpegDeclaring(jpeg, 65535, 65535)));
        samples.add(new Sample("png-ihdr-100000x100000", png(100_000, 100_000, 0)));
        samples.add(new Sample("png-bomb-16000x16000", png(16_000, 16_000, 16_000)));
        samples.add(new Sample("zip-bomb", zipBomb(200 << 20)));
        return samples;
    }

    static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    static byte[] flipped(byte[] image, int flips, Random random) {
        byte[] copy = image.clone();
        for (int i = 0; i < flips; i++) {
            int bit = random.nextInt(copy.length * 8);
            copy[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        return copy;
    }

    /** The photo with its start-of-frame height and width replaced (baseline or progressive SOF). */
    static byte[] jpegDeclaring(byte[] jpeg, int width, int height) {
        byte[] copy = jpeg.clone();
        for (int i = 2; i + 9 < copy.length; ) {
            if ((copy[i] & 0xff) != 0xff) {
                throw new IllegalArgumentException("no JPEG marker at " + i);
            }
            int marker = copy[i + 1] & 0xff;
            int length = ((copy[i + 2] & 0xff) << 8) | (copy[i + 3] & 0xff);
            if (marker == 0xc0 || marker == 0xc1 || marker == 0xc2) {
                copy[i + 5] = (byte) (height >> 8);
                copy[i + 6] = (byte) height;
                copy[i + 7] = (byte) (width >> 8);
                copy[i + 8] = (byte) width;
                return copy;
            }
            i += 2 + length;
        }
        throw new IllegalArgumentException("no SOF marker");
    }

    /**
     * An 8-bit greyscale PNG declaring {@code width}×{@code height}; its pixel data is
     * {@code rows} rows of zeros (0: just one row, so the data ends early), deflated, so that
     * 16000 rows of 16000 pixels take about 250 KB.
     */
    static byte[] png(int width, int height, int rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(9))) {
            byte[] row = new byte[width + 1];
            for (int r = 0; r < Math.max(rows, 1); r++) {
                z.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(name);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A ZIP whose one entry, "photo.jpg", inflates to {@code size} zero bytes. */
    public static byte[] zipBomb(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("photo.jpg"));
            byte[] zeros = new byte[1 << 20];
            for (int written = 0; written < size; written += zeros.length) {
                zip.write(zeros, 0, Math.min(zeros.length, size - written));
            }
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
