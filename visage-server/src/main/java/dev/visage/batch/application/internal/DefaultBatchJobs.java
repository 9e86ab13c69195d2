package dev.visage.batch.application.internal;

import dev.visage.batch.application.BatchJobView;
import dev.visage.batch.application.BatchJobs;
import dev.visage.batch.domain.BatchItem;
import dev.visage.batch.domain.BatchItemRepository;
import dev.visage.batch.domain.BatchJobRepository;
import dev.visage.batch.domain.BatchStatus;
import dev.visage.batch.domain.ItemStatus;
import dev.visage.batch.domain.JobKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class DefaultBatchJobs implements BatchJobs {

    private final BatchJobRepository jobs;
    private final BatchItemRepository items;
    private final JobRegistry registry;
    private final InFlight inFlight;
    private final String queue;

    @Inject
    public DefaultBatchJobs(BatchJobRepository jobs, BatchItemRepository items, JobRegistry registry, InFlight inFlight,
                            @ConfigProperty(name = "visage.queue.batch") String queue) {
        this.jobs = jobs;
        this.items = items;
        this.registry = registry;
        this.inFlight = inFlight;
        this.queue = queue;
    }

    /** For CDI proxies only. */
    protected DefaultBatchJobs() {
        this(null, null, null, null, null);
    }

    @Override
    @Transactional
    public Optional<BatchJobView> find(String tenantId, UUID jobId) {
        return jobs.find(tenantId, jobId).map(Views::of);
    }

    @Override
    @Transactional
    public Page<BatchJobView> search(String tenantId, JobQuery q) {
        JobKind kind = q.kind() == null ? null : JobKind.valueOf(q.kind().toUpperCase(Locale.ROOT));
        Set<BatchStatus> statuses = q.statuses().stream().map(BatchStatus::fromWire)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(BatchStatus.class)));
        // A null tenant would mean every tenant's jobs: never for a tenant's own search.
        BatchJobRepository.Filter filter = new BatchJobRepository.Filter(Objects.requireNonNull(tenantId, "tenantId"),
                kind, null, statuses, q.groupId(), q.from(), q.to());
        List<BatchJobView> found = jobs.search(filter, q.size(), (q.page() - 1) * q.size()).stream()
                .map(Views::of).toList();
        long total = jobs.count(filter);
        return new Page<>(found, total, q.page(), q.size());
    }

    @Override
    public Optional<BatchJobView> cancel(String tenantId, UUID jobId) {
        if (registry.job(jobId).filter(j -> j.tenantId().equals(tenantId)).isEmpty()) {
            return Optional.empty();
        }
        registry.cancel(jobId);
        return registry.job(jobId).map(Views::of);
    }

    @Override
    @Transactional
    public Page<UUID> faceIds(String tenantId, UUID jobId, int page, int size) {
        if (jobs.find(tenantId, jobId).isEmpty()) {
            return new Page<>(List.of(), 0, page, size);
        }
        return new Page<>(items.faceIds(jobId, size, (page - 1) * size), items.countFaces(jobId), page, size);
    }

    @Override
    @Transactional
    public List<ItemWarnings> warnings(String tenantId, UUID jobId, int limit) {
        if (jobs.find(tenantId, jobId).isEmpty()) {
            return List.of();
        }
        return items.withWarnings(jobId, limit).stream().map(i -> new ItemWarnings(i.imagePath(), i.warnings())).toList();
    }

    @Override
    @Transactional
    public Page<ItemProblem> problems(String tenantId, UUID jobId, Set<String> statuses, int page, int size) {
        if (jobs.find(tenantId, jobId).isEmpty()) {
            return new Page<>(List.of(), 0, page, size);
        }
        Set<ItemStatus> wanted = statuses.stream().map(s -> ItemStatus.valueOf(s.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ItemStatus.class)));
        List<BatchItem> found = items.items(jobId, wanted, size, (page - 1) * size);
        return new Page<>(found.stream().map(i -> new ItemProblem(i.imagePath(),
                i.status().name().toLowerCase(Locale.ROOT), i.reason())).toList(), items.count(jobId, wanted), page, size);
    }

    @Override
    @Transactional
    public Map<String, QueueCounts> queueStats(String tenantIdOrNull) {
        long active = inFlight.count();
        long pending = items.countLive(tenantIdOrNull, ItemStatus.PENDING);
        Map<String, QueueCounts> stats = new LinkedHashMap<>();
        stats.put(queue, new QueueCounts(active, Math.max(0, pending - active),
                items.countAll(tenantIdOrNull, ItemStatus.DONE), items.countAll(tenantIdOrNull, ItemStatus.FAILED)));
        return stats;
    }
}
