package dev.visage.dedup.application;

import java.util.Collection;
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

    /** The keys among {@code faceKeys} the tenant has seen and not yet expired. */
    Set<String> seenFaces(String tenantId, Collection<String> faceKeys);

    /**
     * Remembers the image and its faces (refreshing their expiry). {@code canonicalPhash} is
     * the pHash its face keys were made with, returned by later matches of this image.
     */
    void remember(String tenantId, String imageSha256, long phash, long canonicalPhash, Collection<String> faceKeys);

    /** Removes the tenant's entries (all tenants when empty); returns how many. */
    long flush(Optional<String> tenantId);

    DedupStats stats(Optional<String> tenantId);

    /** Proves the dedup tables answer (readiness); throws when not. */
    void probe();

    /**
     * A remembered image. {@code distance} 0 with the same sha256 is an exact duplicate;
     * {@code canonicalPhash} is what face keys of a duplicate must be made with.
     */
    record ImageMatch(String imageSha256, long phash, long canonicalPhash, int distance) {
    }

    record DedupStats(String scope, boolean enabled, int maxHamming, long ttlSeconds, long images, long faces,
                      long imageChecks, long imageHits, long faceChecks, long faceHits) {
    }
}
