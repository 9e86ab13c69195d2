package dev.visage.batch.infrastructure.persistence;

import dev.visage.batch.domain.BatchJob;
import dev.visage.batch.domain.BatchJobRepository;
import dev.visage.batch.domain.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class JpaBatchJobRepository implements BatchJobRepository {

    private static final Set<BatchStatus> LIVE = Set.of(BatchStatus.QUEUED, BatchStatus.PROCESSING);

    @PersistenceContext(unitName = "visage")
    EntityManager em;

    @Override
    public void add(BatchJob job) {
        em.persist(job);
    }

    @Override
    public Optional<BatchJob> find(UUID jobId) {
        BatchJob job = em.find(BatchJob.class, jobId);
        if (job != null && em.contains(job)) {
            // inside a transaction the entity may predate this transaction's own atomic updates
            em.refresh(job);
        }
        return Optional.ofNullable(job);
    }

    @Override
    public Optional<BatchJob> find(String tenantId, UUID jobId) {
        return find(jobId).filter(j -> j.tenantId().equals(tenantId));
    }

    @Override
    public List<BatchJob> search(Filter filter, int limit, int offset) {
        Map<String, Object> params = new HashMap<>();
        TypedQuery<BatchJob> q = em.createQuery("SELECT j FROM BatchJob j" + where(filter, params)
                + " ORDER BY j.createdAt DESC, j.id", BatchJob.class);
        params.forEach(q::setParameter);
        return q.setMaxResults(limit).setFirstResult(offset).getResultList();
    }

    @Override
    public long count(Filter filter) {
        Map<String, Object> params = new HashMap<>();
        TypedQuery<Long> q = em.createQuery("SELECT count(j) FROM BatchJob j" + where(filter, params), Long.class);
        params.forEach(q::setParameter);
        return q.getSingleResult();
    }

    @Override
    public Map<BatchStatus, Long> countByStatus(Filter filter) {
        Map<String, Object> params = new HashMap<>();
        TypedQuery<Object[]> q = em.createQuery("SELECT j.status, count(j) FROM BatchJob j" + where(filter, params)
                + " GROUP BY j.status", Object[].class);
        params.forEach(q::setParameter);
        Map<BatchStatus, Long> counts = new EnumMap<>(BatchStatus.class);
        q.getResultList().forEach(row -> counts.put((BatchStatus) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    /** " WHERE ..." for the filter, or "" when it has no bounds (every tenant's jobs). */
    private static String where(Filter f, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        if (f.tenantId() != null) {
            clauses.add("j.tenantId = :tenant");
            params.put("tenant", f.tenantId());
        }
        if (f.kind() != null) {
            clauses.add("j.kind = :kind");
            params.put("kind", f.kind());
        }
        if (f.sourceType() != null) {
            clauses.add("j.sourceType = :sourceType");
            params.put("sourceType", f.sourceType());
        }
        if (!f.statuses().isEmpty()) {
            clauses.add("j.status IN :statuses");
            params.put("statuses", f.statuses());
        }
        if (f.groupId() != null) {
            clauses.add("j.groupId = :group");
            params.put("group", f.groupId());
        }
        if (f.from() != null) {
            clauses.add("j.createdAt >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            clauses.add("j.createdAt < :to");
            params.put("to", f.to());
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    @Override
    public boolean lease(UUID jobId, String owner, Instant until, Instant now) {
        return em.createQuery("UPDATE BatchJob j SET j.leaseOwner = :owner, j.leaseUntil = :until WHERE j.id = :id"
                        + " AND j.enumerated = false AND j.status IN :live"
                        + " AND (j.leaseUntil IS NULL OR j.leaseUntil < :now OR j.leaseOwner = :owner)")
                .setParameter("owner", owner).setParameter("until", until).setParameter("id", jobId)
                .setParameter("live", LIVE).setParameter("now", now)
                .executeUpdate() == 1;
    }

    @Override
    public List<UUID> orphanedEnumerations(Instant now, int limit) {
        return em.createQuery("SELECT j.id FROM BatchJob j WHERE j.enumerated = false AND j.status IN :live"
                        + " AND (j.leaseUntil IS NULL OR j.leaseUntil < :now) ORDER BY j.createdAt", UUID.class)
                .setParameter("live", LIVE).setParameter("now", now).setMaxResults(limit).getResultList();
    }

    @Override
    public boolean registered(UUID jobId, int images, int skipped, Instant now) {
        return em.createQuery("UPDATE BatchJob j SET j.imagesTotal = j.imagesTotal + :images,"
                        + " j.skipped = j.skipped + :skipped, j.status = :processing,"
                        + " j.startedAt = COALESCE(j.startedAt, :now) WHERE j.id = :id AND j.status IN :live")
                .setParameter("images", images).setParameter("skipped", skipped)
                .setParameter("processing", BatchStatus.PROCESSING).setParameter("now", now)
                .setParameter("id", jobId).setParameter("live", LIVE)
                .executeUpdate() == 1;
    }

    @Override
    public Optional<BatchStatus> enumerated(UUID jobId, Instant now) {
        em.createNativeQuery("UPDATE batch_jobs SET enumerated = true, lease_owner = NULL, lease_until = NULL,"
                        + " images_total = (SELECT count(*) FROM batch_items i WHERE i.job_id = ?1 AND i.status <> 'SKIPPED'),"
                        + " skipped = (SELECT count(*) FROM batch_items i WHERE i.job_id = ?1 AND i.status = 'SKIPPED'),"
                        + " started_at = COALESCE(started_at, ?2)"
                        + " WHERE id = ?1 AND status IN ('QUEUED', 'PROCESSING')")
                .setParameter(1, jobId).setParameter(2, utc(now)).executeUpdate();
        return completeIfDone(jobId, now);
    }

    @Override
    public boolean failEnumeration(UUID jobId, String reason, Instant now) {
        return em.createQuery("UPDATE BatchJob j SET j.status = :failed, j.error = :reason, j.finishedAt = :now,"
                        + " j.enumerated = true, j.leaseOwner = NULL, j.leaseUntil = NULL"
                        + " WHERE j.id = :id AND j.status IN :live")
                .setParameter("failed", BatchStatus.FAILED).setParameter("reason", reason).setParameter("now", now)
                .setParameter("id", jobId).setParameter("live", LIVE)
                .executeUpdate() == 1;
    }

    @Override
    public Optional<BatchStatus> itemFinished(UUID jobId, boolean failed, int facesDetected, int facesStored, Instant now) {
        em.createQuery("UPDATE BatchJob j SET j.processed = j.processed + 1, j.failed = j.failed + :failed,"
                        + " j.facesDetected = j.facesDetected + :detected, j.facesProcessed = j.facesProcessed + :stored"
                        + " WHERE j.id = :id")
                .setParameter("failed", failed ? 1 : 0).setParameter("detected", facesDetected)
                .setParameter("stored", facesStored).setParameter("id", jobId)
                .executeUpdate();
        return completeIfDone(jobId, now);
    }

    /**
     * Ends an enumerated job whose every image has finished: failed when every image failed,
     * completed otherwise. Runs after this transaction's own count, under the row lock that the
     * count took, so exactly one transaction sees the last image and ends the job.
     */
    private Optional<BatchStatus> completeIfDone(UUID jobId, Instant now) {
        @SuppressWarnings("unchecked")
        List<String> ended = em.createNativeQuery("UPDATE batch_jobs SET"
                        + " status = CASE WHEN images_total > 0 AND failed >= images_total THEN 'FAILED' ELSE 'COMPLETED' END,"
                        + " error = CASE WHEN images_total > 0 AND failed >= images_total THEN 'every image failed' ELSE error END,"
                        + " finished_at = ?2"
                        + " WHERE id = ?1 AND enumerated AND status IN ('QUEUED', 'PROCESSING') AND processed >= images_total"
                        + " RETURNING status")
                .setParameter(1, jobId).setParameter(2, utc(now)).getResultList();
        return ended.stream().findFirst().map(BatchStatus::valueOf);
    }

    @Override
    public boolean cancel(UUID jobId, Instant now) {
        // Items before the job row: workers lock an item, then the job row (to count it). Taking the
        // same order here means a cancel waits for an image in flight instead of deadlocking with it.
        em.createNativeQuery("UPDATE batch_items SET status = 'CANCELLED', finished_at = ?2"
                        + " WHERE job_id = ?1 AND status = 'PENDING'"
                        + " AND EXISTS (SELECT 1 FROM batch_jobs j WHERE j.id = ?1 AND j.status IN ('QUEUED', 'PROCESSING'))")
                .setParameter(1, jobId).setParameter(2, utc(now)).executeUpdate();
        return em.createQuery("UPDATE BatchJob j SET j.status = :cancelled, j.finishedAt = :now,"
                        + " j.leaseOwner = NULL, j.leaseUntil = NULL WHERE j.id = :id AND j.status IN :live")
                .setParameter("cancelled", BatchStatus.CANCELLED).setParameter("now", now)
                .setParameter("id", jobId).setParameter("live", LIVE)
                .executeUpdate() == 1;
    }

    @Override
    public void forgetUpload(UUID jobId) {
        em.createQuery("UPDATE BatchJob j SET j.uploadBucket = NULL, j.uploadKey = NULL WHERE j.id = :id")
                .setParameter("id", jobId).executeUpdate();
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
