package dev.visage.dedup.application;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Exact and near-duplicate detection of images (64-bit pHash, Hamming distance) and of
 * faces (face keys), always within one tenant. Entries expire after DEDUP_TTL_SECONDS.
 * Lookups and {@link #remember} join the caller's transaction: what a rolled-back message
 * remembered is forgotten with it.
 */
public interface DedupService {

    /** ENABLE_GLOBAL_DEDUP. When false, nothing is looked up or remembered. */
    boolean enabled();

    int maxHamming();

    /** The closest remembered image of the tenant within {@link #maxHamming()} (an identical sha256 first). */
    Optional<ImageMatch> findImage(String tenantId, String imageSha256, long phash);

    /**
     * Indexes of the {@code faces} that the tenant has seen (not yet expired) in the canonical
     * image: same canonical image and IoU &ge; {@link FaceKeys#SAME_FACE_IOU}.
     */
    Set<Integer> seenFaces(String tenantId, String canonicalSha256, List<FaceKeys.Box> faces);

    /**
     * Remembers the image (with the canonical image its faces belong to) and its faces,
     * refreshing their expiry.
     */
    void remember(String tenantId, String imageSha256, long phash, String canonicalSha256, List<FaceKeys.Box> faces);

    /**
     * An exact re-crawl answered without the pixels: when the tenant's live entry for this image
     * is its own canonical image and exactly {@code acceptedFaces} faces of it are live (so every
     * face the pipeline would find again is seen), refreshes the image and those faces as
     * {@link #remember} would, counts the checks and hits as {@link #findImage} and
     * {@link #seenFaces} would, and answers true. Otherwise nothing changes and the caller
     * processes the pixels.
     */
    boolean refreshKnownImage(String tenantId, String imageSha256, long phash, int acceptedFaces);

    /** Removes the tenant's entries (all tenants when empty); returns how many. */
    long flush(Optional<String> tenantId);

    DedupStats stats(Optional<String> tenantId);

    /** The stats of every tenant with live entries or hit counts, by tenant id. */
    List<DedupStats> statsByTenant();

    /** Proves the dedup tables answer (readiness); throws when not. */
    void probe();

    /**
     * A remembered image. {@code distance} 0 with the same sha256 is an exact duplicate;
     * {@code canonicalSha256} is the image whose faces a duplicate's faces are compared with.
     */
    record ImageMatch(String imageSha256, long phash, String canonicalSha256, int distance) {

        /** The answer among live matches: an identical sha256 first, then the closest (then the smallest sha256). */
        public static Optional<ImageMatch> best(String imageSha256, List<ImageMatch> live) {
            return live.stream().min(Comparator.comparing((ImageMatch m) -> !m.imageSha256().equals(imageSha256))
                    .thenComparingInt(ImageMatch::distance).thenComparing(ImageMatch::imageSha256));
        }
    }

    record DedupStats(String scope, boolean enabled, int maxHamming, long ttlSeconds, long images, long faces,
                      long imageChecks, long imageHits, long faceChecks, long faceHits) {
    }
}
