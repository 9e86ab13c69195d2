package dev.visage.gallery.application.internal;

import dev.visage.gallery.application.Clustering;
import dev.visage.gallery.application.GalleryException;
import dev.visage.gallery.application.Reindexing;
import dev.visage.gallery.domain.ClusterRepository;
import dev.visage.gallery.domain.ReindexJobRepository;
import dev.visage.gallery.domain.ReindexJobRepository.JobRow;
import dev.visage.inference.application.AnalysisResult;
import dev.visage.inference.application.AnalyzeOptions;
import dev.visage.inference.application.AnalyzedFace;
import dev.visage.inference.application.EmbeddingModel;
import dev.visage.inference.application.FaceAnalyzer;
import dev.visage.inference.application.UndecodableImageException;
import dev.visage.ingest.application.TenantEmbeddings;
import dev.visage.shared.storage.ObjectStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs re-index jobs on the container's managed executor. Progress lives in the database (the target
 * model's vectors in face_embeddings), so a job that a restart interrupted simply continues: only faces
 * still pending are embedded. Each face is re-embedded from its stored crop (the detector runs on the
 * crop and the largest face is taken); when the crop yields no face, from the source image (the face
 * overlapping the stored box best); else it is recorded as failed and keeps its old vector.
 */
@ApplicationScoped
public class DefaultReindexing implements Reindexing {

    private static final Logger LOG = Logger.getLogger(DefaultReindexing.class.getName());

    // container resource: the managed executor cannot come through the constructor
    @Resource
    ManagedExecutorService executor;

    private final ReindexJobRepository jobs;
    private final TenantEmbeddings embeddings;
    private final FaceAnalyzer analyzer;
    private final ObjectStore store;
    private final TenantModels models;
    private final Clustering clustering;
    private final ClusterRepository clusters;
    private final Clock clock;
    private final int batch;
    /** Jobs running on this instance (a job is started at most once per instance). */
    private final Set<UUID> running = ConcurrentHashMap.newKeySet();

    @Inject
    public DefaultReindexing(ReindexJobRepository jobs, TenantEmbeddings embeddings, FaceAnalyzer analyzer,
                             ObjectStore store, TenantModels models, Clustering clustering, ClusterRepository clusters,
                             Clock clock, @ConfigProperty(name = "visage.reindex.batch") int batch) {
        this.jobs = jobs;
        this.embeddings = embeddings;
        this.analyzer = analyzer;
        this.store = store;
        this.models = models;
        this.clustering = clustering;
        this.clusters = clusters;
        this.clock = clock;
        this.batch = batch;
    }

    /** For CDI proxies only. */
    protected DefaultReindexing() {
        this(null, null, null, null, null, null, null, null, 1);
    }

    @Override
    public Job start(String tenantId, String model, boolean autoSwitch) throws GalleryException {
        if (model == null || model.isBlank()) {
            throw GalleryException.invalid("model", "name the recogniser to re-index with, e.g. faceres");
        }
        EmbeddingModel target = analyzer.embeddingModel(model.strip()).orElseThrow(() -> GalleryException.invalid(
                "model", "unknown recogniser; known: " + analyzer.embeddingModels().stream().map(EmbeddingModel::name).toList()));
        String source = models.current(tenantId).model();
        if (target.model().equals(source)) {
            throw GalleryException.invalid("model", "the tenant's faces are already embedded with " + source);
        }
        embeddings.pin(tenantId, source);
        UUID id = UUID.randomUUID();
        if (!jobs.insert(id, tenantId, source, target.model(), autoSwitch, clock.instant())) {
            throw GalleryException.conflict("a re-index of tenant " + tenantId + " is already running");
        }
        submit(id);
        return view(jobs.find(id).orElseThrow());
    }

    @Override
    public Job get(String tenantId, UUID jobId) throws GalleryException {
        return view(row(tenantId, jobId));
    }

    @Override
    public List<Job> list(String tenantId) {
        return jobs.byTenant(tenantId).stream().map(DefaultReindexing::view).toList();
    }

    @Override
    public Job switchNow(String tenantId, UUID jobId) throws GalleryException {
        JobRow job = row(tenantId, jobId);
        if (!job.status().equals("ready")) {
            throw GalleryException.conflict("the job is " + job.status() + ", not ready to switch");
        }
        jobs.requestSwitch(jobId, clock.instant());
        submit(jobId);
        return view(jobs.find(jobId).orElseThrow());
    }

    @Override
    public void resume() {
        for (JobRow job : jobs.unfinished()) {
            if (!job.status().equals("ready")) {
                LOG.info(() -> "resuming re-index " + job.id() + " of tenant " + job.tenantId());
                submit(job.id());
            }
        }
    }

    private void submit(UUID id) {
        if (running.add(id)) {
            executor.submit(() -> {
                try {
                    run(id);
                } finally {
                    running.remove(id);
                }
            });
        }
    }

    /** Embeds what is pending, then (auto or requested) switches; loops while faces keep arriving. */
    void run(UUID id) {
        JobRow job = jobs.find(id).orElseThrow();
        String tenant = job.tenantId();
        String target = job.targetModel();
        try {
            jobs.status(id, "embedding", clock.instant());
            int embedded = job.embedded();
            int failed = job.failed();
            while (true) {
                int total = (int) embeddings.countFaces(tenant);
                UUID after = null;
                for (List<TenantEmbeddings.Pending> page = embeddings.pending(tenant, target, after, batch);
                     !page.isEmpty(); page = embeddings.pending(tenant, target, after, batch)) {
                    Map<UUID, float[]> vectors = new LinkedHashMap<>();
                    for (TenantEmbeddings.Pending p : page) {
                        Optional<float[]> v = embed(p, target);
                        if (v.isPresent()) {
                            vectors.put(p.faceId(), v.get());
                        } else {
                            embeddings.fail(target, p.faceId(), "no face found in the crop or in the source image");
                            failed++;
                        }
                        after = p.faceId();
                    }
                    embeddings.store(target, vectors);
                    embedded += vectors.size();
                    jobs.progress(id, total, embedded, failed, clock.instant());
                }
                JobRow now = jobs.find(id).orElseThrow();
                if (!now.autoSwitch() && !now.switchRequested()) {
                    jobs.status(id, "ready", clock.instant());
                    LOG.info(() -> "re-index " + id + " of " + tenant + " is ready to switch to " + target);
                    return;
                }
                jobs.status(id, "switching", clock.instant());
                Optional<Long> switched = embeddings.switchTo(tenant, target);
                if (switched.isPresent()) {
                    LOG.info(() -> "re-index " + id + ": tenant " + tenant + " switched to " + target + " ("
                            + switched.get() + " faces)");
                    recluster(tenant);
                    jobs.switched(id, switched.get().intValue(), clock.instant());
                    return;
                }
                jobs.status(id, "embedding", clock.instant()); // faces arrived meanwhile: embed them, try again
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "re-index " + id + " of " + tenant + " failed", e);
            jobs.failed(id, e.toString(), clock.instant());
        }
    }

    /** The tenant's clusters were computed on the old vectors: recompute each scope with the new ones. */
    private void recluster(String tenant) {
        for (ClusterRepository.Scope scope : clusters.scopes(tenant)) {
            try {
                clustering.recluster(tenant, scope.groupId(), Clustering.Params.DEFAULTS);
            } catch (GalleryException e) {
                LOG.log(Level.WARNING, "re-clustering " + tenant + "/" + scope.groupId() + " after the re-index failed", e);
            }
        }
    }

    Optional<float[]> embed(TenantEmbeddings.Pending p, String model) {
        try {
            Optional<byte[]> crop = read(p.cropBucket(), p.cropKey());
            if (crop.isPresent()) {
                AnalysisResult r = analyzer.analyze(crop.get(), AnalyzeOptions.defaults().withEmbedder(model)
                        .withMaxFaces(1));
                if (!r.faces().isEmpty()) {
                    return Optional.of(r.faces().get(0).embedding().vector());
                }
            }
            Optional<byte[]> image = read(p.imageBucket(), p.imageKey());
            if (image.isPresent()) {
                AnalysisResult r = analyzer.analyze(image.get(), AnalyzeOptions.defaults().withEmbedder(model));
                AnalyzedFace best = null;
                double bestIou = 0.3;
                for (AnalyzedFace f : r.faces()) {
                    double iou = iou(f.box(), p);
                    if (iou >= bestIou) {
                        bestIou = iou;
                        best = f;
                    }
                }
                if (best != null) {
                    return Optional.of(best.embedding().vector());
                }
            }
            return Optional.empty();
        } catch (UndecodableImageException e) {
            return Optional.empty();
        } catch (IOException e) {
            // storage away: fail the job (it resumes at the next start or a new job), nothing half-written
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Optional<byte[]> read(String bucket, String key) throws IOException {
        if (bucket == null || key == null) {
            return Optional.empty();
        }
        Optional<InputStream> in = store.open(bucket, key);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream stream = in.get()) {
            return Optional.of(stream.readAllBytes());
        }
    }

    static double iou(AnalyzedFace.Box a, TenantEmbeddings.Pending b) {
        double x0 = Math.max(a.x(), b.x());
        double y0 = Math.max(a.y(), b.y());
        double x1 = Math.min(a.x() + a.width(), b.x() + b.width());
        double y1 = Math.min(a.y() + a.height(), b.y() + b.height());
        double inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
        double union = a.width() * a.height() + b.width() * b.height() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    private JobRow row(String tenantId, UUID id) throws GalleryException {
        return jobs.find(id).filter(j -> j.tenantId().equals(tenantId))
                .orElseThrow(() -> GalleryException.notFound("no such re-index job: " + id));
    }

    private static Job view(JobRow r) {
        return new Job(r.id(), r.tenantId(), r.sourceModel(), r.targetModel(), r.status(), r.autoSwitch(), r.total(),
                r.embedded(), r.failed(), r.switched(), r.error(), r.createdAt(), r.switchedAt(), r.finishedAt());
    }
}
