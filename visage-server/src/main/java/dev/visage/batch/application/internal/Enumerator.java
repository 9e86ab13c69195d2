package dev.visage.batch.application.internal;

import dev.visage.batch.application.BatchJobs;
import dev.visage.batch.domain.BatchItemRepository;
import dev.visage.batch.domain.BatchJob;
import dev.visage.batch.domain.ItemFeed;
import dev.visage.batch.domain.SourceType;
import dev.visage.shared.storage.ObjectStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Finds a job's images and registers them chunk by chunk, under a lease. Whoever holds the
 * lease enumerates; when its instance dies the lease runs out and the sweeper starts the
 * enumeration again elsewhere (or after the restart): it walks the source again and registers
 * only what is missing, so nothing is queued twice and nothing is skipped.
 */
@ApplicationScoped
public class Enumerator {

    private static final Logger LOG = Logger.getLogger(Enumerator.class.getName());
    /** A chunk is registered at the latest after this long, so slow sources show progress and keep their lease. */
    private static final long CHUNK_MAX_NANOS = 5_000_000_000L;

    @Resource
    ManagedExecutorService executor;

    private final JobRegistry registry;
    private final Instance<ItemFeed> feeds;
    private final ObjectStore store;
    private final BatchConfig config;
    private final BatchInstance instance;

    @Inject
    public Enumerator(JobRegistry registry, Instance<ItemFeed> feeds, ObjectStore store, BatchConfig config,
                      BatchInstance instance) {
        this.registry = registry;
        this.feeds = feeds;
        this.store = store;
        this.config = config;
        this.instance = instance;
    }

    /** For CDI proxies only. */
    protected Enumerator() {
        this(null, null, null, null, null);
    }

    /** What one enumeration run registered. */
    public record Summary(boolean ran, int images, long skippedCount, List<BatchJobs.ItemProblem> skipped,
                          String stopped) {
        static final Summary NOT_LEASED = new Summary(false, 0, 0, List.of(), null);
    }

    /** Enumerates in the background (digests: the request returns at once). */
    public void start(UUID jobId) {
        executor.submit(() -> {
            try {
                run(jobId);
            } catch (RuntimeException e) {
                // The lease runs out and the sweeper tries again; say why this attempt stopped.
                LOG.log(Level.WARNING, "enumeration of batch " + jobId + " stopped, will resume: " + e.getMessage(), e);
            }
        });
    }

    /** Enumerates in this thread if the lease can be had (a ZIP upload, the sweeper's task). */
    public Summary run(UUID jobId) {
        if (!registry.lease(jobId, instance.owner())) {
            return Summary.NOT_LEASED;
        }
        Optional<BatchJob> found = registry.job(jobId);
        if (found.isEmpty()) {
            return Summary.NOT_LEASED;
        }
        BatchJob job = found.get();
        Sink sink = new Sink(job);
        try {
            feed(job.sourceType()).feed(job, sink);
            if (sink.flush()) {
                registry.enumerated(jobId);
                discardUpload(job);
            } else if (registry.job(jobId).map(j -> j.status().terminal()).orElse(true)) {
                // Cancelled while its source was read: nothing will read the archive again.
                discardUpload(job);
            }
        } catch (ItemFeed.SourceUnavailable e) {
            sink.flush();
            LOG.warning(() -> "batch " + jobId + " failed: " + e.getMessage());
            registry.failEnumeration(jobId, e.getMessage());
            discardUpload(job);
        } catch (IOException e) {
            sink.flush();
            LOG.log(Level.WARNING, "batch " + jobId + " failed reading its source", e);
            registry.failEnumeration(jobId, "reading the source failed: " + e.getMessage());
            discardUpload(job);
        }
        return sink.summary();
    }

    private ItemFeed feed(SourceType type) {
        for (ItemFeed f : feeds) {
            if (f.type() == type) {
                return f;
            }
        }
        throw new IllegalStateException("no item feed for " + type);
    }

    /** The archive of a ZIP batch is not needed once its entries are objects of their own. */
    private void discardUpload(BatchJob job) {
        if (job.uploadKey() == null) {
            return;
        }
        try {
            store.delete(job.uploadBucket(), job.uploadKey());
            registry.forgetUpload(job.id());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete the extracted archive " + job.uploadBucket() + "/" + job.uploadKey()
                    + "; the retention tool will report it", e);
        }
    }

    /** Buffers found items and registers them a chunk at a time. */
    private final class Sink implements ItemFeed.ItemSink {

        private final BatchJob job;
        private final List<BatchItemRepository.NewItem> buffer = new ArrayList<>();
        private final List<BatchJobs.ItemProblem> skipped = new ArrayList<>();
        private long skippedCount;
        private long ordinal;
        private int images;
        private boolean stop;
        private String stopped;
        private long lastFlush = System.nanoTime();

        Sink(BatchJob job) {
            this.job = job;
        }

        @Override
        public boolean accept(BatchItemRepository.NewItem item) {
            if (stop) {
                return false;
            }
            buffer.add(item);
            if (buffer.size() >= config.chunkSize() || System.nanoTime() - lastFlush > CHUNK_MAX_NANOS) {
                flush();
            }
            return !stop;
        }

        @Override
        public void truncated(String reason) {
            stopped = reason;
        }

        /** False when enumeration must stop (job ended, lease lost). */
        boolean flush() {
            lastFlush = System.nanoTime();
            if (stop) {
                return false;
            }
            if (buffer.isEmpty()) {
                return true;
            }
            JobRegistry.Chunk chunk = registry.register(job, instance.owner(), List.copyOf(buffer), ordinal);
            buffer.clear();
            if (!chunk.proceed()) {
                stop = true;
                return false;
            }
            ordinal += chunk.images();
            images += chunk.images();
            skippedCount += chunk.skipped();
            for (BatchItemRepository.NewItem s : chunk.newlySkipped()) {
                if (skipped.size() < dev.visage.batch.application.ZipBatchService.UploadResult.SKIPPED_SHOWN) {
                    skipped.add(new BatchJobs.ItemProblem(s.imagePath(), "skipped", s.reason()));
                }
            }
            return true;
        }

        Summary summary() {
            return new Summary(true, images, skippedCount, List.copyOf(skipped), stopped);
        }
    }
}
