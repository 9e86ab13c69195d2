package dev.visage.batch.application.internal;

import dev.visage.batch.application.BatchJobView;
import dev.visage.batch.application.BatchJobs;
import dev.visage.batch.application.BatchOversight;
import dev.visage.batch.domain.BatchItem;
import dev.visage.batch.domain.BatchItemRepository;
import dev.visage.batch.domain.BatchJobRepository;
import dev.visage.batch.domain.BatchStatus;
import dev.visage.batch.domain.ItemStatus;
import dev.visage.batch.domain.JobKind;
import dev.visage.batch.domain.SourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

@ApplicationScoped
public class DefaultBatchOversight implements BatchOversight {

    private final BatchJobRepository jobs;
    private final BatchItemRepository items;
    private final JobRegistry registry;
    private final BatchJobs tenantJobs;

    @Inject
    public DefaultBatchOversight(BatchJobRepository jobs, BatchItemRepository items, JobRegistry registry,
                                 BatchJobs tenantJobs) {
        this.jobs = jobs;
        this.items = items;
        this.registry = registry;
        this.tenantJobs = tenantJobs;
    }

    /** For CDI proxies only. */
    protected DefaultBatchOversight() {
        this(null, null, null, null);
    }

    @Override
    @Transactional
    public Slice<BatchJobView> search(JobFilter filter, int limit, int offset) {
        BatchJobRepository.Filter f = filter(filter);
        List<BatchJobView> found = jobs.search(f, limit, offset).stream().map(Views::of).toList();
        return new Slice<>(found, jobs.count(f), limit, offset);
    }

    @Override
    @Transactional
    public Map<String, Long> countByStatus(JobFilter filter) {
        Map<BatchStatus, Long> counts = jobs.countByStatus(filter(filter).anyStatus());
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (BatchStatus s : BatchStatus.values()) {
            byStatus.put(s.wire(), counts.getOrDefault(s, 0L));
        }
        return byStatus;
    }

    @Override
    @Transactional
    public Optional<BatchJobView> find(UUID jobId) {
        return jobs.find(jobId).map(Views::of);
    }

    @Override
    @Transactional
    public Slice<ItemOutcome> items(UUID jobId, Set<String> statuses, int limit, int offset) {
        Set<ItemStatus> wanted = itemStatuses(statuses);
        List<BatchItem> found = items.items(jobId, wanted, limit, offset);
        return new Slice<>(found.stream().map(DefaultBatchOversight::outcome).toList(), items.count(jobId, wanted),
                limit, offset);
    }

    @Override
    @Transactional
    public Map<String, Long> itemCounts(UUID jobId) {
        Map<ItemStatus, Long> counts = items.countByStatus(jobId);
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (ItemStatus s : ItemStatus.values()) {
            byStatus.put(wire(s), counts.getOrDefault(s, 0L));
        }
        return byStatus;
    }

    @Override
    public Cancellation cancel(UUID jobId) {
        return cancel(jobId, registry.job(jobId).map(Views::of), tenantJobs::cancel);
    }

    /**
     * @param before the job as read before cancelling
     * @param cancel the tenant's own cancel ({@link BatchJobs#cancel}), run on the job's behalf so that
     *               operators and the public API share one cancel logic
     */
    static Cancellation cancel(UUID jobId, Optional<BatchJobView> before,
                               BiFunction<String, UUID, Optional<BatchJobView>> cancel) {
        if (before.isEmpty()) {
            return new Cancellation(CancelOutcome.NOT_FOUND, null);
        }
        if (before.get().terminal()) {
            return new Cancellation(CancelOutcome.ALREADY_ENDED, before.get());
        }
        Optional<BatchJobView> after = cancel.apply(before.get().tenantId(), jobId);
        if (after.isEmpty()) {
            return new Cancellation(CancelOutcome.NOT_FOUND, null);
        }
        // It may have ended on its own between the read and the cancel.
        return new Cancellation(after.get().status().equals(BatchStatus.CANCELLED.wire())
                ? CancelOutcome.CANCELLED : CancelOutcome.ALREADY_ENDED, after.get());
    }

    static BatchJobRepository.Filter filter(JobFilter f) {
        Set<BatchStatus> statuses = f.statuses().stream().map(BatchStatus::fromWire)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(BatchStatus.class)));
        return new BatchJobRepository.Filter(f.tenantId(),
                f.kind() == null ? null : JobKind.valueOf(f.kind().toUpperCase(Locale.ROOT)),
                f.sourceType() == null ? null : SourceType.valueOf(f.sourceType().toUpperCase(Locale.ROOT)),
                statuses, f.groupId(), null, null);
    }

    /** Wire names to states; none means every state. */
    static Set<ItemStatus> itemStatuses(Set<String> statuses) {
        if (statuses.isEmpty()) {
            return EnumSet.allOf(ItemStatus.class);
        }
        if (!ITEM_STATUSES.containsAll(statuses)) {
            throw new IllegalArgumentException("item status must be one of " + ITEM_STATUSES);
        }
        return statuses.stream().map(s -> ItemStatus.valueOf(s.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ItemStatus.class)));
    }

    private static ItemOutcome outcome(BatchItem i) {
        return new ItemOutcome(i.imagePath(), wire(i.status()), i.reason(), i.facesDetected(), i.facesStored(),
                i.finishedAt(), i.warnings());
    }

    private static String wire(ItemStatus s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
