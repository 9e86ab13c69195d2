package dev.visage.batch.application.internal;

import dev.visage.batch.application.BatchItemProcessor;
import dev.visage.batch.domain.BatchItem;
import dev.visage.batch.domain.BatchItemRepository;
import dev.visage.batch.domain.BatchJob;
import dev.visage.batch.domain.BatchJobRepository;
import dev.visage.batch.domain.ImageReader;
import dev.visage.ingest.application.FacePipeline;
import dev.visage.ingest.application.GroupIngest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * One image of a batch through ingest's face pipeline. The item row is locked first and must
 * still be pending; its outcome, the faces, the job's counts and (for the last image) the
 * job's end commit together, so an image is processed once however often its message comes.
 */
@ApplicationScoped
public class DefaultBatchItemProcessor implements BatchItemProcessor {

    private static final int MAX_URL = 2048;

    private final BatchItemRepository items;
    private final BatchJobRepository jobs;
    private final JobRegistry registry;
    private final ImageReader reader;
    private final GroupIngest ingest;
    private final InFlight inFlight;
    private final Clock clock;

    @Inject
    public DefaultBatchItemProcessor(BatchItemRepository items, BatchJobRepository jobs, JobRegistry registry,
                                     ImageReader reader, GroupIngest ingest, InFlight inFlight, Clock clock) {
        this.items = items;
        this.jobs = jobs;
        this.registry = registry;
        this.reader = reader;
        this.ingest = ingest;
        this.inFlight = inFlight;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected DefaultBatchItemProcessor() {
        this(null, null, null, null, null, null, null);
    }

    @Override
    @Transactional(value = Transactional.TxType.REQUIRES_NEW, rollbackOn = TransientItemFailure.class)
    public Result process(UUID itemId) throws TransientItemFailure {
        Optional<BatchItem> found = items.lock(itemId);
        if (found.isEmpty()) {
            return Result.UNKNOWN_ITEM;
        }
        BatchItem item = found.get();
        if (!item.pending()) {
            return Result.ALREADY_FINISHED;
        }
        BatchJob job = jobs.find(item.jobId()).orElseThrow(() -> new IllegalStateException("item without its job"));
        if (job.status().terminal()) {
            item.cancel(clock.instant());
            return Result.CANCELLED;
        }
        inFlight.begin();
        try {
            byte[] bytes;
            try {
                bytes = reader.read(job, item);
            } catch (ImageReader.Unreadable e) {
                return fail(item, e.getMessage());
            } catch (IOException e) {
                throw new TransientItemFailure("reading " + item.imagePath() + " failed: " + e.getMessage(), e);
            }
            GroupIngest.Outcome outcome;
            try {
                outcome = ingest.ingest(new GroupIngest.GroupImage(job.tenantId(), job.groupId(), item.imagePath(),
                        item.bucket(), item.objectKey(), site(job), url(job, item), bytes, job.confidence()));
            } catch (FacePipeline.PermanentFailure e) {
                return fail(item, e.getMessage());
            } catch (FacePipeline.TransientFailure e) {
                throw new TransientItemFailure(e.getMessage(), e);
            }
            item.done(outcome.imageSha256(), outcome.facesDetected(), outcome.faces().size(), outcome.warnings(),
                    clock.instant());
            items.addFaces(job.id(), item.id(), outcome.faces().stream().map(GroupIngest.StoredFace::id).toList());
            registry.itemFinished(job.id(), false, outcome.facesDetected(), outcome.faces().size());
            return Result.DONE;
        } finally {
            inFlight.end();
        }
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void giveUp(UUID itemId, String reason) {
        items.lock(itemId).filter(BatchItem::pending).ifPresent(item -> fail(item, reason));
    }

    private Result fail(BatchItem item, String reason) {
        item.fail(reason, clock.instant());
        registry.itemFinished(item.jobId(), true, 0, 0);
        return Result.FAILED;
    }

    private static String site(BatchJob job) {
        return switch (job.sourceType()) {
            case LOCAL, S3 -> "digest";
            case ZIP -> "zip";
            case OBJECTS -> "images";
        };
    }

    /** A URL naming where the image came from (the faces' url column). */
    static String url(BatchJob job, BatchItem item) {
        String url = switch (job.sourceType()) {
            case LOCAL -> Path.of(item.imagePath()).toUri().toString();
            case S3 -> "s3://" + item.bucket() + "/" + item.objectKey();
            case ZIP -> "zip:" + job.id() + "!/" + item.imagePath();
            case OBJECTS -> item.url() != null ? item.url() : "object:" + item.bucket() + "/" + item.objectKey();
        };
        return url.length() > MAX_URL ? url.substring(0, MAX_URL) : url;
    }
}
