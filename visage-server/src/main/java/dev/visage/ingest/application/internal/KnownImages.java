package dev.visage.ingest.application.internal;

import dev.visage.dedup.application.DedupService;
import dev.visage.dedup.application.PerceptualHasher;
import dev.visage.ingest.application.FacePipeline;
import dev.visage.contracts.ingest.IngestMessage;
import dev.visage.ingest.domain.IngestedImage;
import dev.visage.ingest.domain.IngestedImages;
import dev.visage.stats.application.PipelineStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Cheap re-crawls: a queue message whose image (sha256) the tenant has already processed, with
 * every face of it still remembered by dedup, is answered from what is stored — no decode, no
 * inference. The counters and the dedup entries change exactly as the full pipeline would change
 * them for that message (every accepted face a duplicate, the image and its faces refreshed);
 * the per-image metadata JSON keeps describing the first processing. When the dedup entries
 * have expired (DEDUP_TTL_SECONDS) or the image was a near-duplicate of another one, the
 * pixels are processed as before.
 */
@ApplicationScoped
public class KnownImages {

    private static final Logger LOG = Logger.getLogger(KnownImages.class.getName());

    private final IngestedImages images;
    private final DedupService dedup;
    private final PipelineStats stats;
    private final Clock clock;

    @Inject
    public KnownImages(IngestedImages images, DedupService dedup, PipelineStats stats, Clock clock) {
        this.images = images;
        this.dedup = dedup;
        this.stats = stats;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected KnownImages() {
        this(null, null, null, null);
    }

    /** The answer from what is stored, or empty when the pixels must be processed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<FacePipeline.Result> answer(IngestMessage m, String sha, Map<String, Double> timings, long start) {
        if (!dedup.enabled()) {
            return Optional.empty();
        }
        Optional<IngestedImage> known = images.find(m.tenantId(), sha);
        if (known.isEmpty() || !dedup.refreshKnownImage(m.tenantId(), sha, known.get().phash(),
                known.get().facesAccepted())) {
            return Optional.empty();
        }
        IngestedImage image = known.get();
        images.touch(m.tenantId(), sha, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        FacePipeline.Result result = new FacePipeline.Result(m.tenantId(), sha, PerceptualHasher.toHex(image.phash()),
                image.facesDetected(), 0, image.facesRejected(), image.facesAccepted(), image.metadataKey(), timings,
                image.warnings());
        timings.put("dedup", (System.nanoTime() - start) / 1e6 - timings.values().stream().mapToDouble(d -> d).sum());
        timings.put("total", (System.nanoTime() - start) / 1e6);
        stats.record(m.tenantId(), counters(result), timings);
        LOG.fine(() -> "known image " + m.tenantId() + "/" + sha + ": " + image.facesAccepted()
                + " faces answered as duplicates without decoding");
        return Optional.of(result);
    }

    /** The pipeline counters one processed message adds (step 11), whichever way it was answered. */
    static Map<String, Long> counters(FacePipeline.Result r) {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put(PipelineStats.IMAGES_TOTAL, 1L);
        counters.put(PipelineStats.FACES_DETECTED, (long) r.facesDetected());
        counters.put(PipelineStats.FACES_PROCESSED, (long) r.facesProcessed());
        counters.put(PipelineStats.FACES_REJECTED, (long) r.facesRejected());
        counters.put(PipelineStats.FACES_DUP_SKIPPED, (long) r.facesDupSkipped());
        counters.put(PipelineStats.WORKER_MSGS_ACKED, 1L);
        return counters;
    }
}
