package dev.visage.ingest.infrastructure.persistence;

import dev.visage.ingest.domain.ImageJob;
import dev.visage.ingest.domain.ImageJobSearch;
import dev.visage.ingest.domain.JobStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@ApplicationScoped
public class JpaImageJobSearch implements ImageJobSearch {

    @PersistenceContext(unitName = "visage")
    EntityManager em;

    @Override
    public List<ImageJob> find(Set<JobStatus> statuses, String tenantId, int limit, int offset) {
        TypedQuery<ImageJob> query = em.createQuery("SELECT j FROM ImageJob j" + where(statuses, tenantId)
                + " ORDER BY j.createdAt DESC, j.id", ImageJob.class);
        bind(query, statuses, tenantId);
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    @Override
    public long count(Set<JobStatus> statuses, String tenantId) {
        TypedQuery<Long> query = em.createQuery("SELECT count(j) FROM ImageJob j" + where(statuses, tenantId), Long.class);
        bind(query, statuses, tenantId);
        return query.getSingleResult();
    }

    @Override
    public Map<JobStatus, Long> countByStatus() {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            counts.put(status, 0L);
        }
        em.createQuery("SELECT j.status, count(j) FROM ImageJob j GROUP BY j.status", Object[].class)
                .getResultList()
                .forEach(row -> counts.put((JobStatus) row[0], ((Number) row[1]).longValue()));
        return counts;
    }

    @Override
    public List<MinuteTally> finishedPerMinute(Instant since) {
        // Grouped in PostgreSQL: an hour of a busy pipeline is far too many rows to bucket in Java.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT CAST(extract(epoch FROM date_trunc('minute', finished_at)) AS bigint),"
                        + " status, count(*) FROM image_jobs WHERE finished_at >= ?1 GROUP BY 1, 2")
                .setParameter(1, Timestamp.from(since))
                .getResultList();
        return rows.stream().map(row -> new MinuteTally(((Number) row[0]).longValue(),
                JobStatus.valueOf((String) row[1]), ((Number) row[2]).longValue())).toList();
    }

    private static String where(Set<JobStatus> statuses, String tenantId) {
        StringBuilder where = new StringBuilder();
        if (!statuses.isEmpty()) {
            where.append(" WHERE j.status IN :statuses");
        }
        if (tenantId != null) {
            where.append(statuses.isEmpty() ? " WHERE" : " AND").append(" j.tenantId = :tenant");
        }
        return where.toString();
    }

    private static void bind(TypedQuery<?> query, Set<JobStatus> statuses, String tenantId) {
        if (!statuses.isEmpty()) {
            query.setParameter("statuses", statuses);
        }
        if (tenantId != null) {
            query.setParameter("tenant", tenantId);
        }
    }
}
