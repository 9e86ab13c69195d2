package dev.visage.batch.infrastructure.persistence;

import static dev.visage.batch.infrastructure.persistence.JpaBatchJobRepository.utc;

import dev.visage.batch.domain.BatchItem;
import dev.visage.batch.domain.BatchItemRepository;
import dev.visage.batch.domain.ItemStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class JpaBatchItemRepository implements BatchItemRepository {

    @PersistenceContext(unitName = "visage")
    EntityManager em;

    @Override
    public Optional<UUID> register(UUID jobId, String tenantId, NewItem item, Instant now) {
        UUID id = UUID.randomUUID();
        int inserted = em.createNativeQuery("INSERT INTO batch_items (id, job_id, tenant_id, image_path, bucket, object_key,"
                        + " url, status, reason, created_at, finished_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                        + " ON CONFLICT (job_id, image_path) DO NOTHING")
                .setParameter(1, id).setParameter(2, jobId).setParameter(3, tenantId).setParameter(4, item.imagePath())
                .setParameter(5, item.bucket()).setParameter(6, item.objectKey()).setParameter(7, item.url())
                .setParameter(8, item.status().name()).setParameter(9, item.reason()).setParameter(10, utc(now))
                .setParameter(11, item.status() == ItemStatus.PENDING ? null : utc(now))
                .executeUpdate();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    @Override
    public Optional<BatchItem> lock(UUID itemId) {
        return Optional.ofNullable(em.find(BatchItem.class, itemId, LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public void addFaces(UUID jobId, UUID itemId, List<UUID> faceIds) {
        for (UUID face : faceIds) {
            em.createNativeQuery("INSERT INTO batch_faces (job_id, face_id, item_id) VALUES (?1, ?2, ?3)"
                            + " ON CONFLICT (job_id, face_id) DO NOTHING")
                    .setParameter(1, jobId).setParameter(2, face).setParameter(3, itemId).executeUpdate();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<UUID> faceIds(UUID jobId, int limit, int offset) {
        return em.createNativeQuery("SELECT face_id FROM batch_faces WHERE job_id = ?1 ORDER BY seq LIMIT ?2 OFFSET ?3")
                .setParameter(1, jobId).setParameter(2, limit).setParameter(3, offset).getResultList();
    }

    @Override
    public long countFaces(UUID jobId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM batch_faces WHERE job_id = ?1")
                .setParameter(1, jobId).getSingleResult()).longValue();
    }

    @Override
    public List<BatchItem> items(UUID jobId, Set<ItemStatus> statuses, int limit, int offset) {
        return em.createQuery("SELECT i FROM BatchItem i WHERE i.jobId = :job AND i.status IN :statuses ORDER BY i.seq",
                        BatchItem.class)
                .setParameter("job", jobId).setParameter("statuses", statuses)
                .setMaxResults(limit).setFirstResult(offset).getResultList();
    }

    @Override
    public long count(UUID jobId, Set<ItemStatus> statuses) {
        return em.createQuery("SELECT count(i) FROM BatchItem i WHERE i.jobId = :job AND i.status IN :statuses", Long.class)
                .setParameter("job", jobId).setParameter("statuses", statuses).getSingleResult();
    }

    @Override
    @SuppressWarnings("unchecked") // a native query with an entity result class
    public List<BatchItem> withWarnings(UUID jobId, int limit) {
        return em.createNativeQuery("SELECT * FROM batch_items WHERE job_id = ?1 AND cardinality(warnings) > 0"
                        + " ORDER BY seq LIMIT ?2", BatchItem.class)
                .setParameter(1, jobId).setParameter(2, limit).getResultList();
    }

    @Override
    public Map<ItemStatus, Long> countByStatus(UUID jobId) {
        Map<ItemStatus, Long> counts = new EnumMap<>(ItemStatus.class);
        em.createQuery("SELECT i.status, count(i) FROM BatchItem i WHERE i.jobId = :job GROUP BY i.status", Object[].class)
                .setParameter("job", jobId).getResultList()
                .forEach(row -> counts.put((ItemStatus) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    @Override
    public long countLive(String tenantIdOrNull, ItemStatus status) {
        return count("SELECT count(*) FROM batch_items i JOIN batch_jobs j ON j.id = i.job_id"
                + " WHERE i.status = ?1 AND j.status IN ('QUEUED', 'PROCESSING')", tenantIdOrNull, status);
    }

    @Override
    public long countAll(String tenantIdOrNull, ItemStatus status) {
        return count("SELECT count(*) FROM batch_items i WHERE i.status = ?1", tenantIdOrNull, status);
    }

    private long count(String sql, String tenantIdOrNull, ItemStatus status) {
        var query = em.createNativeQuery(tenantIdOrNull == null ? sql : sql + " AND i.tenant_id = ?2")
                .setParameter(1, status.name());
        if (tenantIdOrNull != null) {
            query.setParameter(2, tenantIdOrNull);
        }
        return ((Number) query.getSingleResult()).longValue();
    }
}
