package dev.visage.gallery.infrastructure;

import dev.visage.gallery.domain.ReindexJobRepository;
import dev.visage.shared.infrastructure.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Native SQL over gallery_reindex_jobs; each call its own transaction unless the caller has one. */
@ApplicationScoped
@Transactional
public class JpaReindexJobRepository implements ReindexJobRepository {

    private static final String COLUMNS = "id, tenant_id, source_model, target_model, status, auto_switch,"
            + " switch_requested, total, embedded, failed, switched, error, created_at, switched_at, finished_at";

    @PersistenceContext(unitName = "visage")
    EntityManager em;

    @Override
    public boolean insert(UUID id, String tenantId, String sourceModel, String targetModel, boolean autoSwitch,
                          Instant now) {
        return em.createNativeQuery("INSERT INTO gallery_reindex_jobs (id, tenant_id, source_model, target_model, status,"
                        + " auto_switch, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'queued', ?5, ?6, ?6)"
                        + " ON CONFLICT (tenant_id) WHERE status NOT IN ('completed', 'failed') DO NOTHING")
                .setParameter(1, id).setParameter(2, tenantId).setParameter(3, sourceModel).setParameter(4, targetModel)
                .setParameter(5, autoSwitch).setParameter(6, time(now)).executeUpdate() == 1;
    }

    @Override
    public Optional<JobRow> find(UUID id) {
        return em.createNativeQuery("SELECT " + COLUMNS + " FROM gallery_reindex_jobs WHERE id = ?1")
                .setParameter(1, id).getResultList().stream().findFirst().map(r -> row((Object[]) r));
    }

    @Override
    public List<JobRow> byTenant(String tenantId) {
        return em.createNativeQuery("SELECT " + COLUMNS + " FROM gallery_reindex_jobs WHERE tenant_id = ?1"
                        + " ORDER BY created_at DESC LIMIT 100")
                .setParameter(1, tenantId).getResultList().stream().map(r -> row((Object[]) r)).toList();
    }

    @Override
    public List<JobRow> unfinished() {
        return em.createNativeQuery("SELECT " + COLUMNS + " FROM gallery_reindex_jobs"
                        + " WHERE status NOT IN ('completed', 'failed') ORDER BY created_at")
                .getResultList().stream().map(r -> row((Object[]) r)).toList();
    }

    @Override
    public void status(UUID id, String status, Instant now) {
        em.createNativeQuery("UPDATE gallery_reindex_jobs SET status = ?2, updated_at = ?3 WHERE id = ?1")
                .setParameter(1, id).setParameter(2, status).setParameter(3, time(now)).executeUpdate();
    }

    @Override
    public void progress(UUID id, int total, int embedded, int failed, Instant now) {
        em.createNativeQuery("UPDATE gallery_reindex_jobs SET total = ?2, embedded = ?3, failed = ?4, updated_at = ?5"
                        + " WHERE id = ?1")
                .setParameter(1, id).setParameter(2, total).setParameter(3, embedded).setParameter(4, failed)
                .setParameter(5, time(now)).executeUpdate();
    }

    @Override
    public void requestSwitch(UUID id, Instant now) {
        em.createNativeQuery("UPDATE gallery_reindex_jobs SET switch_requested = true, updated_at = ?2 WHERE id = ?1")
                .setParameter(1, id).setParameter(2, time(now)).executeUpdate();
    }

    @Override
    public void switched(UUID id, int switched, Instant now) {
        em.createNativeQuery("UPDATE gallery_reindex_jobs SET status = 'completed', switched = ?2, switched_at = ?3,"
                        + " finished_at = ?3, updated_at = ?3 WHERE id = ?1")
                .setParameter(1, id).setParameter(2, switched).setParameter(3, time(now)).executeUpdate();
    }

    @Override
    public void failed(UUID id, String error, Instant now) {
        em.createNativeQuery("UPDATE gallery_reindex_jobs SET status = 'failed', error = ?2, finished_at = ?3,"
                        + " updated_at = ?3 WHERE id = ?1")
                .setParameter(1, id).setParameter(2, error.length() > 2048 ? error.substring(0, 2048) : error)
                .setParameter(3, time(now)).executeUpdate();
    }

    private static JobRow row(Object[] r) {
        return new JobRow((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (Boolean) r[5],
                (Boolean) r[6], ((Number) r[7]).intValue(), ((Number) r[8]).intValue(), ((Number) r[9]).intValue(),
                ((Number) r[10]).intValue(), (String) r[11], SqlValues.instant(r[12]), SqlValues.instant(r[13]), SqlValues.instant(r[14]));
    }

    private static OffsetDateTime time(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
