package dev.visage.batch.application.internal;

import dev.visage.batch.application.BatchDispatcher;
import dev.visage.batch.domain.BatchItemRepository;
import dev.visage.batch.domain.BatchJob;
import dev.visage.batch.domain.BatchJobRepository;
import dev.visage.batch.domain.BatchStatus;
import dev.visage.batch.domain.ItemStatus;
import dev.visage.batch.domain.WebhookOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The job's life-cycle writes, each its own transaction. A chunk of found images is
 * registered and queued in one (XA) transaction: every pending item has exactly one message,
 * and a crash loses neither or both.
 */
@ApplicationScoped
public class JobRegistry {

    private final BatchJobRepository jobs;
    private final BatchItemRepository items;
    private final WebhookOutbox outbox;
    private final BatchDispatcher dispatcher;
    private final BatchConfig config;
    private final Clock clock;

    @Inject
    public JobRegistry(BatchJobRepository jobs, BatchItemRepository items, WebhookOutbox outbox,
                       BatchDispatcher dispatcher, BatchConfig config, Clock clock) {
        this.jobs = jobs;
        this.items = items;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.config = config;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected JobRegistry() {
        this(null, null, null, null, null, null);
    }

    /** What registering one chunk did. */
    record Chunk(boolean proceed, int images, int skipped, List<BatchItemRepository.NewItem> newlySkipped) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void create(BatchJob job) {
        jobs.add(job);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<BatchJob> job(UUID jobId) {
        return jobs.find(jobId);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean lease(UUID jobId, String owner) {
        Instant now = clock.instant();
        return jobs.lease(jobId, owner, now.plus(config.lease()), now);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<UUID> orphanedEnumerations(int limit) {
        return jobs.orphanedEnumerations(clock.instant(), limit);
    }

    /**
     * Registers what the chunk holds that the job does not have yet, queues its new images, and
     * renews the lease. {@code proceed} is false when the job ended or another instance owns it now.
     *
     * @param ordinal images queued by this enumeration before the chunk (spreads them over the job's groups)
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Chunk register(BatchJob job, String owner, List<BatchItemRepository.NewItem> chunk, long ordinal) {
        Instant now = clock.instant();
        if (!jobs.lease(job.id(), owner, now.plus(config.lease()), now)) {
            return new Chunk(false, 0, 0, List.of());
        }
        List<BatchDispatcher.ItemMessage> messages = new ArrayList<>();
        List<BatchItemRepository.NewItem> skipped = new ArrayList<>();
        for (BatchItemRepository.NewItem item : chunk) {
            Optional<UUID> id = items.register(job.id(), job.tenantId(), item, now);
            if (id.isEmpty()) {
                continue;
            }
            if (item.status() == ItemStatus.PENDING) {
                long n = ordinal + messages.size();
                messages.add(new BatchDispatcher.ItemMessage(job.id(), id.get(), job.tenantId(),
                        job.id() + "/" + (n % job.threads()), job.priority()));
            } else {
                skipped.add(item);
            }
        }
        boolean live = jobs.registered(job.id(), messages.size(), skipped.size(), now);
        if (!live) {
            return new Chunk(false, 0, 0, List.of());
        }
        dispatcher.send(messages);
        return new Chunk(true, messages.size(), skipped.size(), skipped);
    }

    /** Every image was found; the job may end at once (no images, or all already finished). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void enumerated(UUID jobId) {
        jobs.enumerated(jobId, clock.instant()).ifPresent(status -> ended(jobId));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void failEnumeration(UUID jobId, String reason) {
        if (jobs.failEnumeration(jobId, dev.visage.batch.domain.Reasons.truncate(reason), clock.instant())) {
            ended(jobId);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void forgetUpload(UUID jobId) {
        jobs.forgetUpload(jobId);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean cancel(UUID jobId) {
        if (jobs.cancel(jobId, clock.instant())) {
            ended(jobId);
            return true;
        }
        return false;
    }

    /** Joins the caller's transaction: the webhook is scheduled if and only if the job's end commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void ended(UUID jobId) {
        jobs.find(jobId).filter(j -> j.webhookUrl() != null && j.status().terminal())
                .ifPresent(j -> outbox.schedule(j.id(), j.webhookUrl(), clock.instant()));
    }

    /** For the item processor: counts a finished item in its job, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void itemFinished(UUID jobId, boolean failed, int facesDetected, int facesStored) {
        Optional<BatchStatus> ended = jobs.itemFinished(jobId, failed, facesDetected, facesStored, clock.instant());
        if (ended.isPresent()) {
            ended(jobId);
        }
    }
}
