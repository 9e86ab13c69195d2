package dev.visage.ingest.application.internal;

import dev.visage.dedup.application.DedupService;
import dev.visage.dedup.application.FaceKeys;
import dev.visage.dedup.application.PerceptualHasher;
import dev.visage.inference.application.AnalysisResult;
import dev.visage.inference.application.AnalyzeOptions;
import dev.visage.inference.application.AnalyzedFace;
import dev.visage.inference.application.DecodedImage;
import dev.visage.inference.application.FaceAnalyzer;
import dev.visage.inference.application.UndecodableImageException;
import dev.visage.ingest.application.FacePipeline;
import dev.visage.contracts.ingest.IngestMessage;
import dev.visage.ingest.domain.ArtifactLayout;
import dev.visage.ingest.domain.FaceRows;
import dev.visage.ingest.domain.TenantModelLock;
import dev.visage.shared.io.Sha256;
import dev.visage.shared.storage.ObjectStore;
import dev.visage.stats.application.PipelineStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The face pipeline. Object keys are deterministic (tenant, image sha256, face index), so a
 * redelivered message overwrites its own artifacts instead of adding orphans; rows are
 * inserted with ON CONFLICT DO NOTHING on (tenant, sha256, face index).
 */
@ApplicationScoped
public class DefaultFacePipeline implements FacePipeline {

    private static final Logger LOG = Logger.getLogger(DefaultFacePipeline.class.getName());

    private final ObjectStore store;
    private final FaceAnalyzer analyzer;
    private final PerceptualHasher hasher;
    private final DedupService dedup;
    private final PipelineStats stats;
    private final Clock clock;
    private final ArtifactLayout layout;
    private final TenantModelLock tenantModels;
    private final KnownImages known;
    private final FaceRows rows;
    private final FaceCrops artifacts;
    private final SourceImages source;
    private final int maxFaces;
    private final boolean attributes;
    private final double minFacePx;

    @Inject
    public DefaultFacePipeline(ObjectStore store, FaceAnalyzer analyzer, PerceptualHasher hasher,
                               DedupService dedup, PipelineStats stats, Clock clock, ArtifactLayout layout,
                               TenantModelLock tenantModels, KnownImages known, FaceRows rows,
                               FaceCrops artifacts, SourceImages source,
                               @ConfigProperty(name = "visage.ingest.max-faces") int maxFaces,
                               @ConfigProperty(name = "visage.ingest.attributes") boolean attributes,
                               @ConfigProperty(name = "visage.ingest.min-face-px") double minFacePx) {
        this.store = store;
        this.analyzer = analyzer;
        this.hasher = hasher;
        this.dedup = dedup;
        this.stats = stats;
        this.clock = clock;
        this.layout = layout;
        this.tenantModels = tenantModels;
        this.known = known;
        this.rows = rows;
        this.artifacts = artifacts;
        this.source = source;
        this.maxFaces = maxFaces;
        this.attributes = attributes;
        this.minFacePx = minFacePx;
    }

    /** For CDI proxies only. */
    protected DefaultFacePipeline() {
        this(null, null, null, null, null, null, null, null, null, null, null, null, 1, false, 0);
    }

    /**
     * How a run stores its faces. Queue messages: tenant-wide dedup, the detector's own threshold.
     * Batches (a digest's file, a ZIP entry): their group is their gallery, so no tenant-wide dedup
     * (idempotency comes from the unique (tenant, group, sha256, face index) rows), the batch's
     * detection confidence, and where the batch found the image.
     */
    public record Scope(String imagePath, OptionalDouble minScore, boolean dedup) {
        static final Scope QUEUE = new Scope(null, OptionalDouble.empty(), true);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Result process(IngestMessage m) throws PermanentFailure, TransientFailure {
        Map<String, Double> t = new LinkedHashMap<>();
        long start = System.nanoTime();
        Lap lap = new Lap();

        // 1. fetch: the bytes from the object store, checked against the message's sha256
        byte[] bytes = source.fetch(m);
        String sha = Sha256.hex(bytes);
        if (!sha.equals(m.imageSha256())) {
            throw new PermanentFailure("image_sha256 mismatch: the message says " + m.imageSha256()
                    + " but " + m.bucket() + "/" + m.key() + " hashes to " + sha);
        }
        t.put("fetch", lap.next());
        // a re-crawl of an image the tenant has processed, its faces still remembered: no decode, no inference
        Optional<Result> answered = known.answer(m, sha, t, start);
        if (answered.isPresent()) {
            return answered.get();
        }
        return analyse(m, bytes, sha, Scope.QUEUE, t, lap, start);
    }

    /** Steps 2-12 on bytes the caller already read (step 1 is the hashing); the message's sha256 is not used. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Result process(IngestMessage m, byte[] bytes, Scope scope) throws PermanentFailure, TransientFailure {
        Map<String, Double> t = new LinkedHashMap<>();
        long start = System.nanoTime();
        Lap lap = new Lap();
        String sha = Sha256.hex(bytes);
        t.put("fetch", lap.next());
        return analyse(m, bytes, sha, scope, t, lap, start);
    }

    private Result analyse(IngestMessage m, byte[] bytes, String sha, Scope scope, Map<String, Double> t, Lap lap,
                           long start) throws PermanentFailure, TransientFailure {
        // 2. decode
        DecodedImage image;
        try {
            image = analyzer.decode(bytes);
        } catch (UndecodableImageException e) {
            // a batch item's outcome already names its file; a queue message's reason names the object
            String why = e.getMessage().startsWith("not an image: ") ? e.getMessage().substring(14) : e.getMessage();
            throw new PermanentFailure("not an image: " + (scope.imagePath() != null ? why
                    : m.bucket() + "/" + m.key() + ": " + why));
        }
        t.put("decode", lap.next());

        // 3-6. detect, align, embed and quality in one batched inference call; its laps split the time.
        // The tenant's recogniser (after a re-index, not necessarily the configured one); the share lock
        // makes a concurrent switch of the tenant wait until these faces are committed.
        String embedder = tenantModels.lockModel(m.tenantId()).orElse(analyzer.embeddingModel());
        AnalyzeOptions options = AnalyzeOptions.defaults().withMaxFaces(maxFaces).withEmbedder(embedder)
                .withAttributes(attributes).withMinFacePx(minFacePx);
        if (scope.minScore().isPresent()) {
            options = options.withMinScore(scope.minScore().getAsDouble());
        }
        AnalysisResult analysis = analyzer.analyze(image, options);
        lap.next();
        Map<String, Double> laps = analysis.timingsMs();
        t.put("detect", laps.getOrDefault("convert", 0.0) + laps.getOrDefault("detect", 0.0));
        double alignMs = laps.getOrDefault("align", 0.0);
        List<AnalyzedFace> faces = analysis.faces();
        List<AnalyzedFace> accepted = new ArrayList<>();
        for (AnalyzedFace f : faces) {
            if (f.quality().accepted() && f.embedding() != null) {
                accepted.add(f);
            }
        }
        // crops of the accepted faces (the align+crop step's second half)
        List<BufferedImage> crops = new ArrayList<>();
        for (AnalyzedFace f : accepted) {
            crops.add(artifacts.crop(image, f.box()));
        }
        t.put("align_crop", alignMs + lap.next());
        t.put("quality", laps.getOrDefault("quality", 0.0));
        t.put("embed", laps.getOrDefault("embed", 0.0) + laps.getOrDefault("attributes", 0.0)
                + laps.getOrDefault("antispoof", 0.0));

        // 7. dedup: faces are compared with those of the canonical image (itself, or the
        // remembered near-duplicate it matched within the tenant)
        long phash = hasher.hash(image.image());
        String canonical = sha;
        boolean dedupOn = scope.dedup() && dedup.enabled();
        if (dedupOn) {
            Optional<DedupService.ImageMatch> match = dedup.findImage(m.tenantId(), sha, phash);
            if (match.isPresent()) {
                canonical = match.get().canonicalSha256();
            }
        }
        List<FaceKeys.Box> boxes = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (AnalyzedFace f : accepted) {
            FaceKeys.Box box = FaceKeys.Box.of(f.box().x(), f.box().y(), f.box().width(), f.box().height(),
                    image.originalWidth(), image.originalHeight());
            boxes.add(box);
            keys.add(FaceKeys.of(m.tenantId(), canonical, box));
        }
        Set<Integer> seen = dedupOn ? dedup.seenFaces(m.tenantId(), canonical, boxes) : Set.of();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < accepted.size(); i++) {
            if (!seen.contains(i)) {
                keep.add(i);
            } else {
                int index = i;
                LOG.fine(() -> "face " + index + " of " + sha + " is a duplicate (pHash " + PerceptualHasher.toHex(phash) + "), skipping");
            }
        }
        t.put("dedup", lap.next());

        // 8. artifact paths
        String phashHex = PerceptualHasher.toHex(phash);
        String metadataKey = layout.metadataKey(m.tenantId(), sha);
        List<String> cropKeys = new ArrayList<>();
        List<String> thumbKeys = new ArrayList<>();
        for (int i : keep) {
            int faceIndex = faces.indexOf(accepted.get(i));
            cropKeys.add(layout.cropKey(m.tenantId(), sha, faceIndex));
            thumbKeys.add(layout.thumbKey(m.tenantId(), sha, faceIndex));
        }
        t.put("artifact_paths", lap.next());

        // 9. store artifacts (crops, thumbnails, per-image metadata JSON)
        try {
            for (int j = 0; j < keep.size(); j++) {
                BufferedImage crop = crops.get(keep.get(j));
                store.put(layout.cropBucket(), cropKeys.get(j), new ByteArrayInputStream(FaceCrops.jpeg(crop)),
                        "image/jpeg");
                store.put(layout.thumbBucket(), thumbKeys.get(j),
                        new ByteArrayInputStream(FaceCrops.jpeg(artifacts.thumbnail(crop))), "image/jpeg");
            }
            byte[] metadata = ImageMetadata.json(m, sha, phashHex, image, faces, accepted, keep, seen, keys, cropKeys)
                    .getBytes(StandardCharsets.UTF_8);
            store.put(layout.metadataBucket(), metadataKey, new ByteArrayInputStream(metadata), "application/json");
        } catch (IOException e) {
            throw new TransientFailure("storing artifacts failed: " + e, e);
        }
        t.put("store_artifacts", lap.next());

        // 10. index: the image row, the face rows (vector + payload), the dedup entries
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        int rejected = faces.size() - accepted.size();
        FaceRows.Image row = new FaceRows.Image(m, sha, phashHex, image.originalWidth(), image.originalHeight(), faces.size(),
                keep.size(), rejected, seen.size(), metadataKey, now, image.warnings());
        rows.saveImage(row);
        for (int j = 0; j < keep.size(); j++) {
            AnalyzedFace f = accepted.get(keep.get(j));
            rows.saveFace(row, new FaceRows.Face(faces.indexOf(f), f, embedder, keys.get(keep.get(j)),
                    layout.cropBucket(), cropKeys.get(j), thumbKeys.get(j), scope.imagePath()));
        }
        if (dedupOn) {
            dedup.remember(m.tenantId(), sha, phash, canonical, boxes);
        }
        t.put("index", lap.next());

        // 11. update metrics (commits with everything above)
        Result result = new Result(m.tenantId(), sha, phashHex, faces.size(), keep.size(), rejected, seen.size(),
                metadataKey, t, image.warnings());
        stats.count(m.tenantId(), KnownImages.counters(result));
        t.put("update_metrics", lap.next());

        // 12. result
        t.put("result", lap.next());
        t.put("total", (System.nanoTime() - start) / 1e6);
        stats.time(m.tenantId(), t);
        LOG.info(() -> "processed " + m.tenantId() + "/" + sha + ": faces_total=" + faces.size() + ", accepted="
                + keep.size() + ", rejected=" + rejected + ", dup_skipped=" + seen.size());
        return result;
    }

    /** Milliseconds since the previous lap. */
    private static final class Lap {
        private long last = System.nanoTime();

        double next() {
            long now = System.nanoTime();
            double ms = (now - last) / 1e6;
            last = now;
            return ms;
        }
    }
}
