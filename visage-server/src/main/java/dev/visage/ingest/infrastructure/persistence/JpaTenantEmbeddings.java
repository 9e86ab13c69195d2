package dev.visage.ingest.infrastructure.persistence;

import dev.visage.ingest.application.StoredFaces;
import dev.visage.ingest.application.TenantEmbeddings;
import dev.visage.ingest.domain.TenantModelLock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Native SQL over faces, face_embeddings and tenant_models (V17). */
@ApplicationScoped
@Transactional
public class JpaTenantEmbeddings implements TenantEmbeddings, TenantModelLock {

    private static final UUID NIL = new UUID(0, 0);
    /** A face is pending when it has neither the target model in faces nor a row (vector or failure) for it. */
    private static final String PENDING = "f.tenant_id = ?1 AND NOT (f.model_name = ?2 AND f.model_version = ?3)"
            + " AND NOT EXISTS (SELECT 1 FROM face_embeddings e WHERE e.face_id = f.id AND e.model_name = ?2"
            + " AND e.model_version = ?3)";

    @PersistenceContext(unitName = "visage")
    EntityManager em;

    private final StoredFaces faces;
    private final Clock clock;

    @Inject
    public JpaTenantEmbeddings(StoredFaces faces, Clock clock) {
        this.faces = faces;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected JpaTenantEmbeddings() {
        this(null, null);
    }

    @Override
    public Optional<String> model(String tenantId) {
        List<?> rows = em.createNativeQuery("SELECT model_name, model_version FROM tenant_models WHERE tenant_id = ?1")
                .setParameter(1, tenantId).getResultList();
        return rows.stream().findFirst().map(r -> ((Object[]) r)[0] + "@" + ((Object[]) r)[1]);
    }

    @Override
    public Optional<String> lockModel(String tenantId) {
        List<?> rows = em.createNativeQuery("SELECT model_name, model_version FROM tenant_models WHERE tenant_id = ?1"
                + " FOR SHARE").setParameter(1, tenantId).getResultList();
        return rows.stream().findFirst().map(r -> ((Object[]) r)[0] + "@" + ((Object[]) r)[1]);
    }

    @Override
    public void pin(String tenantId, String currentModel) {
        String[] m = FaceSql.split(currentModel);
        em.createNativeQuery("INSERT INTO tenant_models (tenant_id, model_name, model_version, updated_at)"
                        + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (tenant_id) DO NOTHING")
                .setParameter(1, tenantId).setParameter(2, m[0]).setParameter(3, m[1]).setParameter(4, now())
                .executeUpdate();
    }

    @Override
    public List<Pending> pending(String tenantId, String targetModel, UUID afterId, int limit) {
        String[] m = FaceSql.split(targetModel);
        List<?> rows = em.createNativeQuery("SELECT f.id, f.crop_bucket, f.crop_key, f.image_bucket, f.image_key,"
                        + " f.bbox_x, f.bbox_y, f.bbox_w, f.bbox_h FROM faces f WHERE " + PENDING + " AND f.id > ?4"
                        + " ORDER BY f.id LIMIT ?5")
                .setParameter(1, tenantId).setParameter(2, m[0]).setParameter(3, m[1])
                .setParameter(4, afterId == null ? NIL : afterId).setParameter(5, limit).getResultList();
        List<Pending> out = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            out.add(new Pending((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    ((Number) r[5]).doubleValue(), ((Number) r[6]).doubleValue(), ((Number) r[7]).doubleValue(),
                    ((Number) r[8]).doubleValue()));
        }
        return out;
    }

    @Override
    public long countPending(String tenantId, String targetModel) {
        String[] m = FaceSql.split(targetModel);
        return ((Number) em.createNativeQuery("SELECT count(*) FROM faces f WHERE " + PENDING)
                .setParameter(1, tenantId).setParameter(2, m[0]).setParameter(3, m[1]).getSingleResult()).longValue();
    }

    @Override
    public long countFaces(String tenantId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM faces WHERE tenant_id = ?1")
                .setParameter(1, tenantId).getSingleResult()).longValue();
    }

    @Override
    public void store(String targetModel, Map<UUID, float[]> vectors) {
        String[] m = FaceSql.split(targetModel);
        for (Map.Entry<UUID, float[]> e : vectors.entrySet()) {
            em.createNativeQuery("INSERT INTO face_embeddings (face_id, model_name, model_version, embedding, error,"
                            + " created_at) VALUES (?1, ?2, ?3, CAST(?4 AS vector), NULL, ?5)"
                            + " ON CONFLICT (face_id, model_name, model_version) DO UPDATE SET embedding = EXCLUDED.embedding,"
                            + " error = NULL, created_at = EXCLUDED.created_at")
                    .setParameter(1, e.getKey()).setParameter(2, m[0]).setParameter(3, m[1])
                    .setParameter(4, FaceSql.literal(e.getValue())).setParameter(5, now()).executeUpdate();
        }
    }

    @Override
    public void fail(String targetModel, UUID faceId, String reason) {
        String[] m = FaceSql.split(targetModel);
        em.createNativeQuery("INSERT INTO face_embeddings (face_id, model_name, model_version, embedding, error,"
                        + " created_at) VALUES (?1, ?2, ?3, NULL, ?4, ?5) ON CONFLICT (face_id, model_name, model_version)"
                        + " DO UPDATE SET embedding = NULL, error = EXCLUDED.error, created_at = EXCLUDED.created_at")
                .setParameter(1, faceId).setParameter(2, m[0]).setParameter(3, m[1])
                .setParameter(4, reason.length() > 1024 ? reason.substring(0, 1024) : reason).setParameter(5, now())
                .executeUpdate();
    }

    @Override
    public Optional<Long> switchTo(String tenantId, String targetModel) {
        String[] m = FaceSql.split(targetModel);
        // the tenant's row, locked: images being processed hold it FOR SHARE until they commit
        List<?> locked = em.createNativeQuery("SELECT tenant_id FROM tenant_models WHERE tenant_id = ?1 FOR UPDATE")
                .setParameter(1, tenantId).getResultList();
        if (locked.isEmpty()) {
            throw new IllegalStateException("tenant " + tenantId + " is not pinned; call pin first");
        }
        if (countPending(tenantId, targetModel) > 0) {
            return Optional.empty();
        }
        // keep the vectors being replaced (a way back), then put the target model's in place
        em.createNativeQuery("INSERT INTO face_embeddings (face_id, model_name, model_version, embedding, error, created_at)"
                        + " SELECT f.id, f.model_name, f.model_version, f.embedding, NULL, ?4 FROM faces f"
                        + " JOIN face_embeddings e ON e.face_id = f.id AND e.model_name = ?2 AND e.model_version = ?3"
                        + " AND e.embedding IS NOT NULL"
                        + " WHERE f.tenant_id = ?1 AND NOT (f.model_name = ?2 AND f.model_version = ?3)"
                        + " ON CONFLICT (face_id, model_name, model_version) DO UPDATE SET embedding = EXCLUDED.embedding,"
                        + " error = NULL, created_at = EXCLUDED.created_at")
                .setParameter(1, tenantId).setParameter(2, m[0]).setParameter(3, m[1]).setParameter(4, now())
                .executeUpdate();
        long switched = em.createNativeQuery("UPDATE faces f SET embedding = e.embedding, model_name = e.model_name,"
                        + " model_version = e.model_version FROM face_embeddings e WHERE e.face_id = f.id"
                        + " AND e.model_name = ?2 AND e.model_version = ?3 AND e.embedding IS NOT NULL"
                        + " AND f.tenant_id = ?1 AND NOT (f.model_name = ?2 AND f.model_version = ?3)")
                .setParameter(1, tenantId).setParameter(2, m[0]).setParameter(3, m[1]).executeUpdate();
        em.createNativeQuery("DELETE FROM face_embeddings e USING faces f WHERE e.face_id = f.id AND f.tenant_id = ?1"
                        + " AND e.model_name = ?2 AND e.model_version = ?3 AND e.embedding IS NOT NULL")
                .setParameter(1, tenantId).setParameter(2, m[0]).setParameter(3, m[1]).executeUpdate();
        em.createNativeQuery("UPDATE tenant_models SET model_name = ?2, model_version = ?3, updated_at = ?4"
                        + " WHERE tenant_id = ?1")
                .setParameter(1, tenantId).setParameter(2, m[0]).setParameter(3, m[1]).setParameter(4, now())
                .executeUpdate();
        return Optional.of(switched);
    }

    @Override
    public Map<String, Long> modelCounts(String tenantId) {
        return faces.modelCounts(tenantId);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
