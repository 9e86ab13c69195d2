package dev.visage.gallery.infrastructure;

import dev.visage.gallery.domain.ClusterRepository;
import dev.visage.shared.infrastructure.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Native SQL over the gallery tables; bulk writes go as arrays (one statement per few thousand rows). */
@ApplicationScoped
@Transactional
public class JpaClusterRepository implements ClusterRepository {

    /** Any constant: the key of the sweep's transaction-scoped advisory lock. */
    private static final long SWEEP_LOCK = 0x7669736167650007L;
    private static final int CHUNK = 5000;
    private static final String SCOPE_COLUMNS = "s.id, s.tenant_id, s.group_id, s.model, s.min_similarity, s.min_faces,"
            + " s.reclustered_at";

    @PersistenceContext(unitName = "visage")
    EntityManager em;

    @Override
    public Optional<Scope> scope(String tenantId, String groupId) {
        List<?> rows = em.createNativeQuery("SELECT " + SCOPE_COLUMNS + " FROM gallery_scopes s WHERE s.tenant_id = ?1"
                        + " AND s.group_id IS NOT DISTINCT FROM CAST(?2 AS varchar)")
                .setParameter(1, tenantId).setParameter(2, groupId).getResultList();
        return rows.stream().findFirst().map(r -> scope((Object[]) r));
    }

    @Override
    public Scope scopeOrCreate(String tenantId, String groupId, String model, double minSimilarity, int minFaces,
                               Instant now) {
        em.createNativeQuery("INSERT INTO gallery_scopes (id, tenant_id, group_id, model, min_similarity, min_faces,"
                        + " created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (tenant_id, group_id) DO NOTHING")
                .setParameter(1, UUID.randomUUID()).setParameter(2, tenantId).setParameter(3, groupId)
                .setParameter(4, model).setParameter(5, minSimilarity).setParameter(6, minFaces)
                .setParameter(7, time(now)).executeUpdate();
        return scope(tenantId, groupId).orElseThrow();
    }

    @Override
    public List<Scope> scopes(String tenantId) {
        return em.createNativeQuery("SELECT " + SCOPE_COLUMNS + " FROM gallery_scopes s WHERE s.tenant_id = ?1"
                        + " ORDER BY s.group_id NULLS FIRST")
                .setParameter(1, tenantId).getResultList().stream().map(r -> scope((Object[]) r)).toList();
    }

    @Override
    public Scope lock(UUID scopeId) {
        Object row = em.createNativeQuery("SELECT " + SCOPE_COLUMNS + " FROM gallery_scopes s WHERE s.id = ?1 FOR UPDATE")
                .setParameter(1, scopeId).getSingleResult();
        return scope((Object[]) row);
    }

    @Override
    public void updateScope(UUID scopeId, String model, double minSimilarity, int minFaces, Instant reclusteredAt) {
        em.createNativeQuery("UPDATE gallery_scopes SET model = ?2, min_similarity = ?3, min_faces = ?4,"
                        + " reclustered_at = ?5 WHERE id = ?1")
                .setParameter(1, scopeId).setParameter(2, model).setParameter(3, minSimilarity)
                .setParameter(4, minFaces).setParameter(5, reclusteredAt == null ? null : time(reclusteredAt))
                .executeUpdate();
    }

    @Override
    public Map<UUID, Member> members(UUID scopeId, Collection<UUID> faceIds) {
        Map<UUID, Member> out = new LinkedHashMap<>();
        if (faceIds.isEmpty()) {
            return out;
        }
        List<?> rows = em.createNativeQuery("SELECT face_id, cluster_id, pinned FROM gallery_faces WHERE scope_id = ?1"
                        + " AND face_id = ANY(CAST(?2 AS uuid[]))")
                .setParameter(1, scopeId).setParameter(2, SqlValues.uuidArray(faceIds)).getResultList();
        for (Object row : rows) {
            Member m = member((Object[]) row);
            out.put(m.faceId(), m);
        }
        return out;
    }

    @Override
    public List<Member> members(UUID scopeId) {
        return em.createNativeQuery("SELECT face_id, cluster_id, pinned FROM gallery_faces WHERE scope_id = ?1")
                .setParameter(1, scopeId).getResultList().stream().map(r -> member((Object[]) r)).toList();
    }

    @Override
    public List<UUID> clusterFaces(UUID clusterId) {
        return em.createNativeQuery("SELECT face_id FROM gallery_faces WHERE cluster_id = ?1 ORDER BY placed_at, face_id")
                .setParameter(1, clusterId).getResultList().stream().map(UUID.class::cast).toList();
    }

    @Override
    public void place(UUID scopeId, Collection<Member> members, Instant now) {
        List<Member> all = new ArrayList<>(members);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<Member> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            StringBuilder clusters = new StringBuilder("{");
            StringBuilder pinned = new StringBuilder("{");
            for (Member m : chunk) {
                if (clusters.length() > 1) {
                    clusters.append(',');
                    pinned.append(',');
                }
                clusters.append(m.clusterId() == null ? "NULL" : m.clusterId().toString());
                pinned.append(m.pinned());
            }
            em.createNativeQuery("INSERT INTO gallery_faces (scope_id, face_id, cluster_id, pinned, placed_at)"
                            + " SELECT ?1, f, c, p, ?5 FROM unnest(CAST(?2 AS uuid[]), CAST(?3 AS uuid[]),"
                            + " CAST(?4 AS boolean[])) AS t(f, c, p)"
                            + " ON CONFLICT (scope_id, face_id) DO UPDATE SET cluster_id = EXCLUDED.cluster_id,"
                            + " pinned = EXCLUDED.pinned, placed_at = EXCLUDED.placed_at")
                    .setParameter(1, scopeId).setParameter(2, SqlValues.uuidArray(chunk.stream().map(Member::faceId).toList()))
                    .setParameter(3, clusters.append('}').toString()).setParameter(4, pinned.append('}').toString())
                    .setParameter(5, time(now)).executeUpdate();
        }
    }

    @Override
    public void createCluster(UUID scopeId, UUID clusterId, String name, Instant now) {
        em.createNativeQuery("INSERT INTO gallery_clusters (id, scope_id, name, size, created_at, updated_at)"
                        + " VALUES (?1, ?2, ?3, 0, ?4, ?4)")
                .setParameter(1, clusterId).setParameter(2, scopeId).setParameter(3, name).setParameter(4, time(now))
                .executeUpdate();
    }

    @Override
    public Optional<Cluster> cluster(String tenantId, UUID clusterId) {
        List<?> rows = em.createNativeQuery("SELECT c.id, c.scope_id, c.name, c.size, c.representative_face_id"
                        + " FROM gallery_clusters c JOIN gallery_scopes s ON s.id = c.scope_id"
                        + " WHERE c.id = ?1 AND s.tenant_id = ?2")
                .setParameter(1, clusterId).setParameter(2, tenantId).getResultList();
        return rows.stream().findFirst().map(r -> cluster((Object[]) r));
    }

    @Override
    public List<Cluster> clusters(UUID scopeId, int offset, int limit) {
        return em.createNativeQuery("SELECT c.id, c.scope_id, c.name, c.size, c.representative_face_id"
                        + " FROM gallery_clusters c WHERE c.scope_id = ?1 ORDER BY c.size DESC, c.id OFFSET ?2 LIMIT ?3")
                .setParameter(1, scopeId).setParameter(2, offset).setParameter(3, limit)
                .getResultList().stream().map(r -> cluster((Object[]) r)).toList();
    }

    @Override
    public void refresh(UUID clusterId, UUID representativeFaceId, Instant now) {
        em.createNativeQuery("UPDATE gallery_clusters SET size = (SELECT count(*) FROM gallery_faces WHERE cluster_id = ?1),"
                        + " representative_face_id = ?2, updated_at = ?3 WHERE id = ?1")
                .setParameter(1, clusterId).setParameter(2, representativeFaceId).setParameter(3, time(now))
                .executeUpdate();
    }

    @Override
    public void rename(UUID clusterId, String name, Instant now) {
        em.createNativeQuery("UPDATE gallery_clusters SET name = ?2, updated_at = ?3 WHERE id = ?1")
                .setParameter(1, clusterId).setParameter(2, name).setParameter(3, time(now)).executeUpdate();
    }

    @Override
    public void deleteClusters(Collection<UUID> clusterIds) {
        if (!clusterIds.isEmpty()) {
            em.createNativeQuery("DELETE FROM gallery_clusters WHERE id = ANY(CAST(?1 AS uuid[]))")
                    .setParameter(1, SqlValues.uuidArray(clusterIds)).executeUpdate();
        }
    }

    @Override
    public void clearScope(UUID scopeId) {
        em.createNativeQuery("DELETE FROM gallery_faces WHERE scope_id = ?1").setParameter(1, scopeId).executeUpdate();
    }

    @Override
    public List<Membership> memberships(String tenantId, UUID faceId) {
        return em.createNativeQuery("SELECT s.group_id, c.id, c.name FROM gallery_faces f"
                        + " JOIN gallery_scopes s ON s.id = f.scope_id JOIN gallery_clusters c ON c.id = f.cluster_id"
                        + " WHERE f.face_id = ?1 AND s.tenant_id = ?2 ORDER BY s.group_id NULLS FIRST")
                .setParameter(1, faceId).setParameter(2, tenantId).getResultList().stream().map(r -> {
                    Object[] row = (Object[]) r;
                    return new Membership((String) row[0], (UUID) row[1], (String) row[2]);
                }).toList();
    }

    @Override
    public Optional<Cursor> lockSweep() {
        Object locked = em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)").setParameter(1, SWEEP_LOCK)
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return Optional.empty();
        }
        Object[] row = (Object[]) em.createNativeQuery("SELECT cursor_at, cursor_id FROM gallery_sweep WHERE id = 1")
                .getSingleResult();
        return Optional.of(new Cursor(SqlValues.requiredInstant(row[0]), (UUID) row[1]));
    }

    @Override
    public void saveCursor(Cursor cursor) {
        em.createNativeQuery("UPDATE gallery_sweep SET cursor_at = ?1, cursor_id = ?2 WHERE id = 1")
                .setParameter(1, time(cursor.at())).setParameter(2, cursor.faceId()).executeUpdate();
    }

    private static Scope scope(Object[] r) {
        return new Scope((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], ((Number) r[4]).doubleValue(),
                ((Number) r[5]).intValue(), SqlValues.instant(r[6]));
    }

    private static Cluster cluster(Object[] r) {
        return new Cluster((UUID) r[0], (UUID) r[1], (String) r[2], ((Number) r[3]).intValue(), (UUID) r[4]);
    }

    private static Member member(Object[] r) {
        return new Member((UUID) r[0], (UUID) r[1], (Boolean) r[2]);
    }

    private static OffsetDateTime time(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
