package dev.visage.dedup.infrastructure;

import dev.visage.dedup.application.DedupService.DedupStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Dedup's numbers for the stats endpoint and the console: live entries and check/hit counters. */
@ApplicationScoped
public class JpaDedupStatistics {

    @PersistenceContext(unitName = "visage")
    EntityManager em;

    private final Clock clock;

    @Inject
    public JpaDedupStatistics(Clock clock) {
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected JpaDedupStatistics() {
        this(null);
    }

    DedupStats stats(Optional<String> tenantId, boolean enabled, int maxHamming, long ttlSeconds) {
        String where = tenantId.isPresent() ? " AND tenant_id = ?2" : "";
        long images = count("SELECT count(*) FROM dedup_images WHERE expires_at > ?1" + where, tenantId);
        long faces = count("SELECT count(*) FROM dedup_faces WHERE expires_at > ?1" + where, tenantId);
        Query q = em.createNativeQuery("SELECT name, sum(value) FROM dedup_counters"
                + (tenantId.isPresent() ? " WHERE tenant_id = ?1" : "") + " GROUP BY name");
        tenantId.ifPresent(t -> q.setParameter(1, t));
        Map<String, Long> c = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        rows.forEach(r -> c.put((String) r[0], ((Number) r[1]).longValue()));
        return new DedupStats(tenantId.orElse("global"), enabled, maxHamming, ttlSeconds, images, faces,
                c.getOrDefault("image_checks", 0L), c.getOrDefault("image_hits", 0L),
                c.getOrDefault("face_checks", 0L), c.getOrDefault("face_hits", 0L));
    }

    List<DedupStats> statsByTenant(boolean enabled, int maxHamming, long ttlSeconds) {
        // One pass over each table, grouped by tenant: the console shows every tenant at once.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT tenant_id, sum(images), sum(faces), sum(image_checks),"
                        + " sum(image_hits), sum(face_checks), sum(face_hits) FROM ("
                        + " SELECT tenant_id, count(*) AS images, 0 AS faces, 0 AS image_checks, 0 AS image_hits,"
                        + " 0 AS face_checks, 0 AS face_hits FROM dedup_images WHERE expires_at > ?1 GROUP BY tenant_id"
                        + " UNION ALL SELECT tenant_id, 0, count(*), 0, 0, 0, 0 FROM dedup_faces WHERE expires_at > ?1"
                        + " GROUP BY tenant_id"
                        + " UNION ALL SELECT tenant_id, 0, 0,"
                        + " sum(CASE WHEN name = 'image_checks' THEN value ELSE 0 END),"
                        + " sum(CASE WHEN name = 'image_hits' THEN value ELSE 0 END),"
                        + " sum(CASE WHEN name = 'face_checks' THEN value ELSE 0 END),"
                        + " sum(CASE WHEN name = 'face_hits' THEN value ELSE 0 END) FROM dedup_counters GROUP BY tenant_id"
                        + ") per_table GROUP BY tenant_id ORDER BY tenant_id")
                .setParameter(1, now()).getResultList();
        return rows.stream().map(r -> new DedupStats((String) r[0], enabled, maxHamming, ttlSeconds, n(r[1]), n(r[2]),
                n(r[3]), n(r[4]), n(r[5]), n(r[6]))).toList();
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private long count(String sql, Optional<String> tenantId) {
        Query q = em.createNativeQuery(sql).setParameter(1, now());
        tenantId.ifPresent(t -> q.setParameter(2, t));
        return ((Number) q.getSingleResult()).longValue();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
    }
}
