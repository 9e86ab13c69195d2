package dev.visage.batch.application.internal;

import dev.visage.batch.application.BatchJobView;
import dev.visage.batch.application.InvalidBatchRequest;
import dev.visage.batch.application.ZipBatchService;
import dev.visage.batch.domain.BatchItemRepository;
import dev.visage.batch.domain.BatchJob;
import dev.visage.batch.domain.JobKind;
import dev.visage.shared.storage.ObjectKeys;
import dev.visage.shared.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.visage.shared.io.CountingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

@ApplicationScoped
public class DefaultZipBatchService implements ZipBatchService {

    private static final Logger LOG = Logger.getLogger(DefaultZipBatchService.class.getName());
    private static final List<String> NAMES = List.of("projectId", "confidence", "threads", "priority", "webhookUrl",
            "webhookSecret");

    private final JobRegistry registry;
    private final Enumerator enumerator;
    private final ObjectStore store;
    private final BatchConfig config;
    private final BatchInstance instance;
    private final Clock clock;

    @Inject
    public DefaultZipBatchService(JobRegistry registry, Enumerator enumerator, ObjectStore store, BatchConfig config,
                                  BatchInstance instance, Clock clock) {
        this.registry = registry;
        this.enumerator = enumerator;
        this.store = store;
        this.config = config;
        this.instance = instance;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected DefaultZipBatchService() {
        this(null, null, null, null, null, null);
    }

    @Override
    public StagedArchive stage(String tenantId, InputStream archive) throws ArchiveTooLarge, IOException {
        UUID batchId = UUID.randomUUID();
        String key = tenantId + "/" + batchId + ".zip";
        long limit = config.zipLimits().maxUploadBytes();
        try {
            long size = store.put(config.uploadBucket(), key, new Limited(archive, limit), "application/zip");
            return new StagedArchive(batchId, config.uploadBucket(), key, size);
        } catch (Limited.Exceeded e) {
            throw new ArchiveTooLarge("the archive is larger than " + limit + " bytes");
        }
    }

    @Override
    public UploadResult submit(String tenantId, String fileName, BatchSettings s, StagedArchive archive)
            throws InvalidBatchRequest {
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        BatchJob.Settings settings = SettingsRules.check(s.groupId(), s.confidence(), s.threads(), s.priority(),
                s.webhookUrl(), s.webhookSecret(), config.webhookTargets(), NAMES, problems);
        if (archive.size() == 0) {
            problems.add(Map.entry("file", "the archive is empty"));
        }
        if (!problems.isEmpty()) {
            discard(archive);
            SettingsRules.throwIfAny(problems);
        }
        Instant now = clock.instant();
        String name = fileName == null || fileName.isBlank() ? "upload.zip" : fileName;
        BatchJob job = new BatchJob(archive.batchId(), tenantId, JobKind.ZIP, s.groupId(),
                BatchJob.Source.zip(name.length() > 1024 ? name.substring(0, 1024) : name, archive.bucket(), archive.key()),
                settings, now, instance.owner(), now.plus(config.lease()));
        registry.create(job);
        Enumerator.Summary summary = enumerator.run(job.id());
        BatchJobView view = Views.of(registry.job(job.id()).orElseThrow());
        return new UploadResult(view, summary.images(), summary.images(), summary.skippedCount(), summary.skipped(),
                summary.stopped());
    }

    @Override
    public void discard(StagedArchive archive) {
        try {
            store.delete(archive.bucket(), archive.key());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete the refused upload " + archive.bucket() + "/" + archive.key(), e);
        }
    }

    @Override
    public UploadResult addImages(String tenantId, BatchSettings s, List<ImageRef> images) throws InvalidBatchRequest {
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        BatchJob.Settings settings = SettingsRules.check(s.groupId(), s.confidence(), s.threads(), s.priority(),
                s.webhookUrl(), s.webhookSecret(), config.webhookTargets(), NAMES, problems);
        List<BatchItemRepository.NewItem> items = new ArrayList<>();
        if (images == null || images.isEmpty() || images.size() > config.maxImages()) {
            problems.add(Map.entry("images", "between 1 and " + config.maxImages() + " images per request"));
        } else {
            for (int i = 0; i < images.size(); i++) {
                items.add(item(tenantId, images.get(i), "images[" + i + "]", problems));
            }
        }
        SettingsRules.throwIfAny(problems);
        Instant now = clock.instant();
        BatchJob job = new BatchJob(UUID.randomUUID(), tenantId, JobKind.IMAGES, s.groupId(),
                BatchJob.Source.objects(images.size() + " images"), settings, now, instance.owner(),
                now.plus(config.lease()));
        registry.create(job);
        JobRegistry.Chunk chunk = registry.register(job, instance.owner(), items, 0);
        registry.enumerated(job.id());
        BatchJobView view = Views.of(registry.job(job.id()).orElseThrow());
        return new UploadResult(view, chunk.images(), chunk.images(), 0, List.of(), null);
    }

    /** An object of the tenant (key under "tenant/"), or an http(s) URL. */
    private static BatchItemRepository.NewItem item(String tenantId, ImageRef ref, String field,
                                                    List<Map.Entry<String, String>> problems) {
        if (ref == null) {
            problems.add(Map.entry(field, "must be an object {bucket, key} or {url}"));
            return null;
        }
        if (ref.url() != null) {
            if (ref.bucket() != null || ref.key() != null) {
                problems.add(Map.entry(field, "give either url or bucket + key"));
                return null;
            }
            try {
                URI uri = new URI(ref.url());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || ref.url().length() > 4096) {
                    problems.add(Map.entry(field + ".url", "must be an http or https URL"));
                    return null;
                }
            } catch (URISyntaxException e) {
                problems.add(Map.entry(field + ".url", "must be an http or https URL"));
                return null;
            }
            return BatchItemRepository.NewItem.image(ref.url(), null, null, ref.url());
        }
        try {
            ObjectKeys.requireBucket(ref.bucket());
            ObjectKeys.requireKey(ref.key());
        } catch (IllegalArgumentException e) {
            problems.add(Map.entry(field, e.getMessage()));
            return null;
        }
        if (!ref.key().startsWith(tenantId + "/")) {
            problems.add(Map.entry(field + ".key", "must be an object of this tenant (a key under \"" + tenantId + "/\")"));
            return null;
        }
        return BatchItemRepository.NewItem.image(ref.bucket() + "/" + ref.key(), ref.bucket(), ref.key(), null);
    }

    /** Counts what passes and refuses to pass more than the limit. */
    private static final class Limited extends CountingInputStream {

        static final class Exceeded extends IOException {
            Exceeded() {
                super("upload limit exceeded");
            }
        }

        private final long limit;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        protected void counted(long total) throws Exceeded {
            if (total > limit) {
                throw new Exceeded();
            }
        }
    }
}
