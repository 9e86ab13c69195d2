package dev.visage.it;

import jakarta.json.JsonObject;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Helpers for digest and batch tests: folders under the digest root, polling jobs, photo variants. */
public final class Batches {

    private Batches() {
    }

    /** The first digest root of the server under test (./visage test exports it). */
    public static Path digestRoot() {
        String roots = System.getenv("VISAGE_DIGEST_ROOTS");
        if (roots == null || roots.isBlank()) {
            throw new IllegalStateException("VISAGE_DIGEST_ROOTS is not set: run the ITs through ./visage test");
        }
        return Path.of(roots.split(",")[0]);
    }

    /** A fresh folder inside the digest root. */
    public static Path newFolder(String prefix) {
        try {
            Path root = digestRoot();
            Files.createDirectories(root);
            return Files.createDirectory(root.resolve(prefix + "-" + UUID.randomUUID().toString().substring(0, 8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The deepface photos, sorted by name. */
    public static List<Path> photos() {
        try (Stream<Path> files = Files.list(Photos.dir())) {
            return files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls a job (GET path) until its status is one of the given ones. */
    public static JsonObject awaitStatus(Api api, String path, Duration timeout, String... statuses) {
        List<String> wanted = List.of(statuses);
        Api.Reply r = Waits.until(timeout, () -> api.get(path),
                reply -> reply.status() == 200 && wanted.contains(status(reply.json())),
                path + " to reach " + wanted);
        return r.json();
    }

    private static String status(JsonObject o) {
        if (o.containsKey("batch")) {
            return o.getJsonObject("batch").getString("status");
        }
        return o.getString("status");
    }

    /**
     * {@code count} distinct images from the deepface photos: each a photo scaled to a width of 360-520
     * px, mirrored or not, rotated by a degree or two and re-encoded, so no two share bytes or pixels.
     */
    public static List<Path> variants(Path dir, int count) {
        List<Path> photos = photos();
        List<BufferedImage> sources = new ArrayList<>();
        for (Path p : photos) {
            // Scaled once to 640 px wide: the variants are smaller still, and 64 full photos would fill the heap.
            sources.add(transform(read(p), 640, 0, false));
        }
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage src = sources.get(i % sources.size());
            int round = i / sources.size();
            int width = 360 + (round * 37) % 160;
            double angle = Math.toRadians(((round % 5) - 2) * 0.7);
            boolean mirror = round % 2 == 1;
            BufferedImage img = transform(src, width, angle, mirror);
            Path file = dir.resolve(String.format("sub%02d/v%04d.jpg", i % 7, i));
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, jpeg(img, 0.80f + (round % 4) * 0.04f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.add(file);
        }
        return out;
    }

    private static BufferedImage transform(BufferedImage src, int width, double angle, boolean mirror) {
        int height = (int) Math.round((double) src.getHeight() * width / src.getWidth());
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        AffineTransform t = new AffineTransform();
        t.rotate(angle, width / 2.0, height / 2.0);
        if (mirror) {
            t.translate(width, 0);
            t.scale(-1, 1);
        }
        t.scale((double) width / src.getWidth(), (double) height / src.getHeight());
        g.drawImage(src, t, null);
        g.dispose();
        return out;
    }

    private static BufferedImage read(Path p) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(p)));
            if (img == null) {
                throw new IllegalStateException("not an image: " + p);
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] jpeg(BufferedImage img, float quality) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = writers.next();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Deletes a folder made by a test. */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
