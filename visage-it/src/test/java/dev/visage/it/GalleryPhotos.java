package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.gallery.ClusteringMetrics;
import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * All deepface photos uploaded into one group of a fresh tenant through the real pipeline, and what the gallery
 * tests know about the faces stored: identities are the connected components of the Yes-pairs of pairs.csv and
 * pairs-balanced.csv; in a photo with bystanders the subject is the face most like the identity's other photos
 * ({@link ClusteringMetrics#subjects}). {@link #report} collects the quality figures in target/gallery-quality.txt.
 *
 * @param photoOf stored face id → its photo
 * @param largest stored faces that are their photo's largest detected face (face_index 0)
 * @param truth   labelled face id → identity
 */
record GalleryPhotos(String tenant, String group, List<String> photos, Map<String, String> photoOf, Set<String> largest,
        Map<String, String> truth) {

    static final String GROUP = "deepface";
    private static final StringBuilder REPORT = new StringBuilder();

    /** Uploads every photo into {@link #GROUP} of a fresh tenant named {@code prefix-<random>} and waits for all. */
    static GalleryPhotos ingest(String prefix) throws IOException {
        String tenant = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> photos;
        try (Stream<Path> files = Files.list(Photos.dir())) {
            photos = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jpg")).sorted().toList();
        }
        Map<String, String> photoOfSha = new HashMap<>();
        for (String photo : photos) {
            byte[] bytes = Photos.bytes(photo);
            photoOfSha.put(sha256(bytes), photo);
            Api.Reply r = api(tenant).postMultipart("/api/v1/ingest", Map.of("group_id", GROUP), "file", photo,
                    "image/jpeg", bytes);
            assertEquals(202, r.status(), r::toString);
        }
        IngestPipelineIT.awaitDone(tenant, photos.size(), Duration.ofMinutes(10));
        record Face(String id, String photo, float[] v, int index) {
        }
        List<Face> faces = Db.list("SELECT id, image_sha256, CAST(embedding AS text), face_index FROM faces"
                + " WHERE tenant_id = ? AND group_id = ?", rs -> new Face(rs.getString(1),
                photoOfSha.get(rs.getString(2).trim()), vector(rs.getString(3)), rs.getInt(4)), tenant, GROUP);
        assertTrue(faces.size() >= photos.size(), "every photo yields at least one stored face: " + faces.size());
        Set<String> largest = new HashSet<>();
        Map<String, String> photoOf = new HashMap<>();
        faces.forEach(f -> {
            photoOf.put(f.id(), f.photo());
            if (f.index() == 0) {
                largest.add(f.id());
            }
        });
        Map<String, String> identities = ClusteringMetrics.identities(Photos.dir().getParent(),
                List.of("pairs.csv", "pairs-balanced.csv"));
        Map<String, String> truth = ClusteringMetrics.subjects(faces, Face::photo, Face::id, Face::v, identities);
        report("tenant %s: %d photos, %d stored faces, %d labelled faces of %d identities", tenant, photos.size(),
                faces.size(), truth.size(), truth.values().stream().distinct().count());
        return new GalleryPhotos(tenant, GROUP, photos, Map.copyOf(photoOf), Set.copyOf(largest), Map.copyOf(truth));
    }

    static Api api(String tenant) {
        return Api.admin().header("X-Tenant-ID", tenant);
    }

    Api api() {
        return api(tenant);
    }

    /** The body that names the group for the clustering routes: {@code {"group_id":"…"}}. */
    String groupBody() {
        return "{\"group_id\":\"" + group + "\"}";
    }

    /** The stored face of a one-face photo. */
    String faceOf(String photo) {
        return photoOf.entrySet().stream().filter(e -> e.getValue().equals(photo)).findFirst().orElseThrow().getKey();
    }

    /**
     * Uploads a mirror image of img1.jpg (a different picture to dedup) into group "side" and the given site, after
     * everything else; answers its stored face and the instant before the upload.
     */
    Mirror uploadMirror(String site) throws IOException {
        Instant before = Instant.now();
        Api.Reply up = api().postMultipart("/api/v1/ingest", Map.of("group_id", "side", "site", site), "file",
                "mirror.jpg", "image/jpeg", mirrored(Photos.bytes("img1.jpg")));
        assertEquals(202, up.status(), up::toString);
        IngestPipelineIT.awaitDone(tenant, photos.size() + 1, Duration.ofMinutes(3));
        String face = Db.list("SELECT CAST(id AS text) FROM faces WHERE tenant_id = ? AND group_id = 'side'",
                rs -> rs.getString(1), tenant).get(0);
        return new Mirror(face, before);
    }

    record Mirror(String face, Instant uploadedAfter) {
    }

    /** Prints a quality line and rewrites target/gallery-quality.txt with every line so far. */
    static synchronized void report(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println("[gallery] " + line);
        REPORT.append(line).append('\n');
        try {
            Path out = Path.of(System.getProperty("visage.root", ".")).resolve("target/gallery-quality.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, REPORT.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String reported() {
        synchronized (GalleryPhotos.class) {
            return REPORT.toString();
        }
    }

    static void assertField(Api.Reply r, int status, String field) {
        assertEquals(status, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("application/problem+json"), r::toString);
        assertEquals(field, r.json().getJsonArray("invalid-params").getJsonObject(0).getString("name"), r::toString);
    }

    /** The face ids of a search's matches, best first. */
    static List<String> ids(JsonObject searchReply) {
        return searchReply.getJsonArray("matches").stream().map(m -> m.asJsonObject().getString("face_id")).toList();
    }

    static float[] vector(String text) {
        String[] parts = text.substring(1, text.length() - 1).split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.parseFloat(parts[i]);
        }
        return v;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static byte[] mirrored(byte[] jpeg) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, w, h, w, 0, 0, h, null); // source x runs right to left: a mirror image
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "jpeg", bytes);
        return bytes.toByteArray();
    }
}
