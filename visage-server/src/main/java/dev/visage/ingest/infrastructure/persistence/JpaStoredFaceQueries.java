package dev.visage.ingest.infrastructure.persistence;

import dev.visage.ingest.application.StoredFaceQueries;
import dev.visage.ingest.domain.ArtifactLayout;
import dev.visage.shared.infrastructure.persistence.SqlValues;
import dev.visage.shared.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads the faces table (V10__ingest_faces.sql) and the thumbnails the pipeline stored (ArtifactLayout). */
@ApplicationScoped
public class JpaStoredFaceQueries implements StoredFaceQueries {

    @PersistenceContext(unitName = "visage")
    EntityManager em;

    private final ObjectStore store;
    private final ArtifactLayout layout;

    @Inject
    public JpaStoredFaceQueries(ObjectStore store, ArtifactLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    /** For CDI proxies only. */
    protected JpaStoredFaceQueries() {
        this(null, null);
    }

    @Override
    @Transactional // reads too: Hibernate registers a JTA synchronisation per session
    public List<TenantFaces> tenants() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT tenant_id, count(*), count(DISTINCT image_sha256), max(created_at)"
                + " FROM faces GROUP BY tenant_id ORDER BY tenant_id").getResultList();
        return rows.stream().map(r -> new TenantFaces((String) r[0], ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue(), SqlValues.instant(r[3]))).toList();
    }

    @Override
    @Transactional // reads too: Hibernate registers a JTA synchronisation per session
    public FacePage list(String tenantId, int limit, int offset) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, tenant_id, image_sha256, face_index, bbox_x, bbox_y, bbox_w,"
                        + " bbox_h, det_score, quality_score, yaw, roll, antispoof, age, gender, site, url, group_id,"
                        + " model_name, model_version, created_at FROM faces WHERE tenant_id = ?1"
                        + " ORDER BY created_at DESC, image_sha256, face_index LIMIT ?2 OFFSET ?3")
                .setParameter(1, tenantId).setParameter(2, limit).setParameter(3, offset).getResultList();
        long total = ((Number) em.createNativeQuery("SELECT count(*) FROM faces WHERE tenant_id = ?1")
                .setParameter(1, tenantId).getSingleResult()).longValue();
        List<StoredFace> faces = rows.stream().map(r -> new StoredFace((UUID) r[0], (String) r[1], ((String) r[2]).trim(),
                ((Number) r[3]).intValue(), List.of(d(r[4]), d(r[5]), d(r[6]), d(r[7])), d(r[8]), nd(r[9]), nd(r[10]),
                nd(r[11]), nd(r[12]), nd(r[13]), (String) r[14], (String) r[15], (String) r[16], (String) r[17],
                r[18] + "@" + r[19], SqlValues.instant(r[20]))).toList();
        return new FacePage(faces, total);
    }

    @Override
    @Transactional // reads too: Hibernate registers a JTA synchronisation per session
    public Optional<byte[]> thumbnail(UUID faceId) {
        Optional<?> key = em.createNativeQuery("SELECT thumb_key FROM faces WHERE id = ?1").setParameter(1, faceId)
                .getResultStream().findFirst();
        if (key.isEmpty() || key.get() == null) {
            return Optional.empty();
        }
        try {
            Optional<InputStream> in = store.open(layout.thumbBucket(), (String) key.get());
            if (in.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream stream = in.get()) {
                return Optional.of(stream.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the thumbnail of face " + faceId, e);
        }
    }

    private static double d(Object value) {
        return ((Number) value).doubleValue();
    }

    private static Double nd(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
