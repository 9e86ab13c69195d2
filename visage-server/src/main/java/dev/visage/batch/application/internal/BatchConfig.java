package dev.visage.batch.application.internal;

import dev.visage.batch.domain.DigestRoots;
import dev.visage.batch.domain.WebhookTargets;
import dev.visage.batch.domain.ZipLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The batch context's settings (microprofile-config.properties has every default). */
@ApplicationScoped
public class BatchConfig {

    /** Entries smaller than this are never judged by their compression ratio. */
    static final long RATIO_FLOOR = 1024 * 1024;

    private final DigestRoots roots;
    private final Duration lease;
    private final int chunkSize;
    private final ZipLimits zipLimits;
    private final String uploadBucket;
    private final String rawBucket;
    private final int maxImages;
    private final WebhookTargets webhookTargets;
    private final int webhookMaxAttempts;
    private final Duration webhookBackoff;

    @Inject
    public BatchConfig(@ConfigProperty(name = "visage.digest.roots") List<String> roots,
                       @ConfigProperty(name = "visage.batch.lease-seconds") int leaseSeconds,
                       @ConfigProperty(name = "visage.batch.chunk-size") int chunkSize,
                       @ConfigProperty(name = "visage.batch.zip.max-upload-bytes") long maxUploadBytes,
                       @ConfigProperty(name = "visage.batch.zip.max-entry-bytes") long maxEntryBytes,
                       @ConfigProperty(name = "visage.batch.zip.max-total-bytes") long maxTotalBytes,
                       @ConfigProperty(name = "visage.batch.zip.max-ratio") double maxRatio,
                       @ConfigProperty(name = "visage.batch.zip.max-entries") int maxEntries,
                       @ConfigProperty(name = "visage.storage.bucket.batch-uploads") String uploadBucket,
                       @ConfigProperty(name = "visage.storage.bucket.raw") String rawBucket,
                       @ConfigProperty(name = "visage.batch.max-images") int maxImages,
                       @ConfigProperty(name = "visage.batch.webhook.allow-private-addresses") boolean webhookPrivate,
                       @ConfigProperty(name = "visage.batch.webhook.max-attempts") int webhookMaxAttempts,
                       @ConfigProperty(name = "visage.batch.webhook.backoff-ms") long webhookBackoffMs) {
        this.roots = new DigestRoots(roots.stream().filter(r -> !r.isBlank()).map(r -> Path.of(r.trim())).toList());
        this.lease = Duration.ofSeconds(leaseSeconds);
        this.chunkSize = chunkSize;
        this.zipLimits = new ZipLimits(maxUploadBytes, maxEntryBytes, maxTotalBytes, maxRatio, RATIO_FLOOR, maxEntries);
        this.uploadBucket = uploadBucket;
        this.rawBucket = rawBucket;
        this.maxImages = maxImages;
        this.webhookTargets = new WebhookTargets(webhookPrivate);
        this.webhookMaxAttempts = webhookMaxAttempts;
        this.webhookBackoff = Duration.ofMillis(webhookBackoffMs);
    }

    /** For CDI proxies only. */
    protected BatchConfig() {
        this.roots = null;
        this.lease = null;
        this.chunkSize = 0;
        this.zipLimits = null;
        this.uploadBucket = null;
        this.rawBucket = null;
        this.maxImages = 0;
        this.webhookTargets = null;
        this.webhookMaxAttempts = 0;
        this.webhookBackoff = null;
    }

    public DigestRoots roots() {
        return roots;
    }

    public Duration lease() {
        return lease;
    }

    public int chunkSize() {
        return chunkSize;
    }

    public ZipLimits zipLimits() {
        return zipLimits;
    }

    public String uploadBucket() {
        return uploadBucket;
    }

    public String rawBucket() {
        return rawBucket;
    }

    public int maxImages() {
        return maxImages;
    }

    public WebhookTargets webhookTargets() {
        return webhookTargets;
    }

    public int webhookMaxAttempts() {
        return webhookMaxAttempts;
    }

    /** Delay before delivery attempt n+1 after n failed ones: backoff × 2^(n-1). */
    public Duration webhookDelay(int failedAttempts) {
        return webhookBackoff.multipliedBy(1L << Math.min(20, Math.max(0, failedAttempts - 1)));
    }
}
