package dev.visage.ingest.application.internal;

import dev.visage.dedup.application.PerceptualHasher;
import dev.visage.inference.application.DecodedImage;
import dev.visage.inference.application.ImageDecoder;
import dev.visage.inference.application.UndecodableImageException;
import dev.visage.ingest.application.ImageFetcher;
import dev.visage.ingest.application.ImageJobService;
import dev.visage.ingest.application.JobDispatcher;
import dev.visage.ingest.application.JobView;
import dev.visage.ingest.application.TransientJobFailure;
import dev.visage.ingest.domain.ImageFacts;
import dev.visage.ingest.domain.ImageJob;
import dev.visage.ingest.domain.ImageJobRepository;
import dev.visage.ingest.domain.ImageSource;
import dev.visage.shared.io.Sha256;
import dev.visage.shared.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class DefaultImageJobService implements ImageJobService {

    private static final Logger LOG = Logger.getLogger(DefaultImageJobService.class.getName());
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final ImageJobRepository jobs;
    private final JobTransitions transitions;
    private final JobDispatcher dispatcher;
    private final ObjectStore store;
    private final ImageFetcher fetcher;
    private final ImageDecoder decoder;
    private final PerceptualHasher hasher;
    private final JobMetrics metrics;
    private final Clock clock;
    private final String rawBucket;

    @Inject
    public DefaultImageJobService(ImageJobRepository jobs, JobTransitions transitions, JobDispatcher dispatcher,
                                  ObjectStore store, ImageFetcher fetcher, ImageDecoder decoder,
                                  PerceptualHasher hasher, JobMetrics metrics, Clock clock,
                                  @ConfigProperty(name = "visage.storage.bucket.raw") String rawBucket) {
        this.jobs = jobs;
        this.transitions = transitions;
        this.dispatcher = dispatcher;
        this.store = store;
        this.fetcher = fetcher;
        this.decoder = decoder;
        this.hasher = hasher;
        this.metrics = metrics;
        this.clock = clock;
        this.rawBucket = rawBucket;
    }

    /** For CDI proxies only. */
    protected DefaultImageJobService() {
        this(null, null, null, null, null, null, null, null, null, null);
    }

    @Override
    @Transactional
    public JobView submitUpload(String tenantId, InputStream content, String contentType) throws IOException {
        UUID id = UUID.randomUUID();
        String key = tenantId + "/" + DAY.format(clock.instant()) + "/" + id;
        // Stored before the job commits: a rolled-back request leaves an orphan object,
        // which the retention tool reports, never a job without its image.
        store.put(rawBucket, key, content, contentType);
        return accept(new ImageJob(id, tenantId, ImageSource.object(rawBucket, key), contentType, clock.instant()));
    }

    @Override
    @Transactional
    public JobView submitUrl(String tenantId, String url) {
        return accept(new ImageJob(UUID.randomUUID(), tenantId, ImageSource.url(url), null, clock.instant()));
    }

    @Override
    @Transactional
    public JobView submitObject(String tenantId, String bucket, String key) {
        return accept(new ImageJob(UUID.randomUUID(), tenantId, ImageSource.object(bucket, key), null, clock.instant()));
    }

    private JobView accept(ImageJob job) {
        jobs.add(job);
        dispatcher.dispatch(job.id(), job.tenantId());
        metrics.accepted();
        return JobViews.of(job);
    }

    @Override
    @Transactional // reads too: Hibernate registers a JTA synchronisation per session
    public Optional<JobView> find(String tenantId, UUID jobId) {
        return jobs.find(jobId).filter(j -> j.tenantId().equals(tenantId)).map(JobViews::of);
    }

    @Override
    @Transactional
    public void process(UUID jobId, int deliveryAttempt, int maxAttempts) throws TransientJobFailure {
        Optional<JobTransitions.Started> started = transitions.start(jobId);
        if (started.isEmpty()) {
            // The producer's commit may not be visible yet: retry, then dead-letter.
            throw new TransientJobFailure("unknown job " + jobId, null);
        }
        if (started.get().source() == null) {
            LOG.fine(() -> "job " + jobId + " already finished; redelivery ignored");
            return;
        }
        ImageSource source = started.get().source();
        long begin = System.nanoTime();
        try {
            byte[] bytes = load(source);
            DecodedImage image = decoder.decode(bytes);
            ImageFacts facts = new ImageFacts(Sha256.hex(bytes), image.width(), image.height(),
                    PerceptualHasher.toHex(hasher.hash(image.image())), image.format(), bytes.length, image.warnings());
            job(jobId).complete(facts, clock.instant());
            metrics.completed(System.nanoTime() - begin);
        } catch (UndecodableImageException | ImageFetcher.RefusedException | MissingObjectException e) {
            job(jobId).fail(e.getMessage(), clock.instant());
            metrics.failed();
        } catch (IOException e) {
            throw new TransientJobFailure("fetch failed: " + e, e);
        }
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void giveUp(UUID jobId, String reason) {
        jobs.find(jobId).ifPresent(job -> {
            job.fail(reason, clock.instant());
            metrics.failed();
        });
    }

    private ImageJob job(UUID id) {
        return jobs.find(id).orElseThrow(() -> new IllegalStateException("job " + id + " vanished"));
    }

    private byte[] load(ImageSource source) throws IOException, ImageFetcher.RefusedException, MissingObjectException {
        if (source.isUrl()) {
            return fetcher.fetch(source.url());
        }
        Optional<InputStream> in;
        try {
            in = store.open(source.bucket(), source.key());
        } catch (IllegalArgumentException e) {
            throw new MissingObjectException("invalid object reference: " + e.getMessage());
        }
        if (in.isEmpty()) {
            throw new MissingObjectException("object not found: " + source.bucket() + "/" + source.key());
        }
        try (InputStream stream = in.get()) {
            return stream.readAllBytes();
        }
    }

    /** The referenced object does not exist: permanent. */
    static final class MissingObjectException extends Exception {
        MissingObjectException(String message) {
            super(message);
        }
    }
}
