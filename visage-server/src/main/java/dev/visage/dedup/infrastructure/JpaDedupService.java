package dev.visage.dedup.infrastructure;

import dev.visage.dedup.application.DedupService;
import dev.visage.dedup.application.FaceKeys;
import dev.visage.dedup.application.HashBands;
import dev.visage.dedup.domain.HashIndex;
import dev.visage.dedup.domain.TenantIndexes;
import dev.visage.shared.infrastructure.AfterCommit;
import dev.visage.shared.infrastructure.persistence.CounterShards;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Dedup entries in PostgreSQL (dedup_images with three band indexes, dedup_faces); see
 * V11__dedup.sql. With VISAGE_DEDUP_MEMORY_INDEX the near-duplicate search runs on this
 * instance's in-memory copy ({@link TenantIndexes}, V60), and the one statement a lookup runs
 * (the hit counters) also reads the candidates' rows back; the band-index SQL answers while a
 * tenant loads, when it is over the memory caps, or when its catch-up has been failing.
 */
@ApplicationScoped
public class JpaDedupService implements DedupService {

    /** Above this band radius the probe lists grow past a full scan of the tenant's rows. */
    static final int MAX_PROBE_RADIUS = 3;

    @PersistenceContext(unitName = "visage")
    EntityManager em;


    private final boolean enabled;
    private final boolean memoryIndex;
    private final TenantIndexes indexes;
    private final AfterCommit afterCommit;
    private final int maxHamming;
    private final long ttlSeconds;
    private final Clock clock;
    private final JpaDedupStatistics statistics;

    @Inject
    public JpaDedupService(@ConfigProperty(name = "enable.global.dedup") boolean enabled,
                           @ConfigProperty(name = "dedup.max.hamming") int maxHamming,
                           @ConfigProperty(name = "dedup.ttl.seconds") long ttlSeconds, Clock clock,
                           @ConfigProperty(name = "visage.dedup.memory-index") boolean memoryIndex,
                           TenantIndexes indexes, AfterCommit afterCommit, JpaDedupStatistics statistics) {
        if (maxHamming < 0 || maxHamming > 64) {
            throw new IllegalArgumentException("DEDUP_MAX_HAMMING must be 0..64, not " + maxHamming);
        }
        this.enabled = enabled;
        this.maxHamming = maxHamming;
        this.ttlSeconds = ttlSeconds;
        this.clock = clock;
        this.memoryIndex = memoryIndex;
        this.indexes = indexes;
        this.afterCommit = afterCommit;
        this.statistics = statistics;
    }

    /** For CDI proxies only. */
    protected JpaDedupService() {
        this(false, 0, 0, null, false, null, null, null);
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public int maxHamming() {
        return maxHamming;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ImageMatch> findImage(String tenantId, String imageSha256, long phash) {
        if (!enabled) {
            return Optional.empty();
        }
        Optional<HashIndex.Candidates> near = memoryIndex ? indexes.near(tenantId, phash) : Optional.empty();
        if (near.isPresent()) {
            return readBackAndCount(tenantId, imageSha256, phash, near.get());
        }
        Optional<ImageMatch> match = findImageBySql(tenantId, imageSha256, phash);
        count(tenantId, "image_checks", 1, "image_hits", match.isEmpty() ? 0 : 1);
        return match;
    }

    /**
     * The candidates' live rows and the counters in one round trip ({@link JdbcDedupRows#READ_BACK_AND_COUNT});
     * the same choice as the SQL path: an identical sha256 first, then the closest.
     */
    private Optional<ImageMatch> readBackAndCount(String tenantId, String imageSha256, long phash,
                                                  HashIndex.Candidates near) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(JdbcDedupRows.READ_BACK_AND_COUNT)
                .setParameter(1, HashBands.sqlArray(near.ids())).setParameter(2, tenantId).setParameter(3, now())
                .setParameter(4, tenantId).setParameter(5, CounterShards.current()).getResultList();
        return ImageMatch.best(imageSha256, rows.stream().map(r -> new ImageMatch(((String) r[0]).trim(),
                ((Number) r[1]).longValue(), ((String) r[2]).trim(),
                Long.bitCount(((Number) r[1]).longValue() ^ phash))).toList());
    }

    private Optional<ImageMatch> findImageBySql(String tenantId, String imageSha256, long phash) {
        int radius = HashBands.radius(maxHamming);
        String distance = "bit_count(CAST(phash # ?1 AS bit(64)))";
        String candidates = radius > MAX_PROBE_RADIUS ? ""
                : " AND phash IN (SELECT phash FROM dedup_images WHERE key0 = ANY(CAST(?4 AS bigint[])) AND " + distance + " <= ?7"
                + " UNION ALL SELECT phash FROM dedup_images WHERE key1 = ANY(CAST(?5 AS bigint[])) AND " + distance + " <= ?7"
                + " UNION ALL SELECT phash FROM dedup_images WHERE key2 = ANY(CAST(?6 AS bigint[])) AND " + distance + " <= ?7)";
        Query q = em.createNativeQuery("SELECT image_sha256, phash, canonical_sha256, " + distance + " AS d"
                + " FROM dedup_images WHERE tenant_id = ?2 AND expires_at > ?3" + candidates
                + " AND " + distance + " <= ?7 ORDER BY (image_sha256 = ?8) DESC, d LIMIT 1")
                .setParameter(1, phash).setParameter(2, tenantId).setParameter(3, now())
                .setParameter(7, maxHamming).setParameter(8, imageSha256);
        if (radius <= MAX_PROBE_RADIUS) {
            for (int i = 0; i < 3; i++) {
                q.setParameter(4 + i, HashBands.sqlArray(HashBands.probeKeys(tenantId, phash, i, radius)));
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().findFirst().map(r -> new ImageMatch(((String) r[0]).trim(), ((Number) r[1]).longValue(),
                ((String) r[2]).trim(), ((Number) r[3]).intValue()));
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<Integer> seenFaces(String tenantId, String canonicalSha256, List<FaceKeys.Box> faces) {
        if (!enabled || faces.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT nx, ny, nw, nh FROM dedup_faces WHERE tenant_id = ?1"
                        + " AND canonical_sha256 = ?2 AND expires_at > ?3")
                .setParameter(1, tenantId).setParameter(2, canonicalSha256).setParameter(3, now()).getResultList();
        List<FaceKeys.Box> known = new ArrayList<>();
        rows.forEach(r -> known.add(new FaceKeys.Box(((Number) r[0]).doubleValue(), ((Number) r[1]).doubleValue(),
                ((Number) r[2]).doubleValue(), ((Number) r[3]).doubleValue())));
        Set<Integer> seen = new TreeSet<>();
        for (int i = 0; i < faces.size(); i++) {
            FaceKeys.Box face = faces.get(i);
            if (known.stream().anyMatch(k -> k.iou(face) >= FaceKeys.SAME_FACE_IOU)) {
                seen.add(i);
            }
        }
        count(tenantId, "face_checks", faces.size(), "face_hits", seen.size());
        return seen;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void remember(String tenantId, String imageSha256, long phash, String canonicalSha256,
                         List<FaceKeys.Box> faces) {
        if (!enabled) {
            return;
        }
        OffsetDateTime now = now();
        OffsetDateTime expires = now.plus(Duration.ofSeconds(ttlSeconds));
        Object id = em.createNativeQuery(JdbcDedupRows.REMEMBER_IMAGE)
                .setParameter(1, tenantId).setParameter(2, imageSha256).setParameter(3, phash)
                .setParameter(4, HashBands.key(tenantId, HashBands.band(phash, 0)))
                .setParameter(5, HashBands.key(tenantId, HashBands.band(phash, 1)))
                .setParameter(6, HashBands.key(tenantId, HashBands.band(phash, 2))).setParameter(7, now).setParameter(8, expires)
                .setParameter(9, canonicalSha256)
                .getSingleResult();
        if (memoryIndex) {
            long rowId = ((Number) id).longValue();
            long expiresAt = expires.toEpochSecond();
            afterCommit.run(() -> indexes.committed(tenantId, rowId, phash, expiresAt));
        }
        if (!faces.isEmpty()) {
            // sorted by key: concurrent transactions lock the same keys in the same order
            TreeMap<String, FaceKeys.Box> keyed = new TreeMap<>();
            faces.forEach(f -> keyed.put(FaceKeys.of(tenantId, canonicalSha256, f), f));
            StringBuilder sql = new StringBuilder("INSERT INTO dedup_faces (tenant_id, face_key, canonical_sha256,"
                    + " nx, ny, nw, nh, created_at, expires_at) VALUES ");
            List<Object> params = new ArrayList<>();
            keyed.forEach((key, f) -> {
                sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
                params.addAll(List.of(tenantId, key, canonicalSha256, (float) f.x(), (float) f.y(), (float) f.w(),
                        (float) f.h(), now, expires));
            });
            sql.append(" ON CONFLICT (tenant_id, face_key) DO UPDATE SET expires_at = EXCLUDED.expires_at");
            Query q = em.createNativeQuery(sql.toString());
            for (int i = 0; i < params.size(); i++) {
                q.setParameter(i + 1, params.get(i));
            }
            q.executeUpdate();
        }
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean refreshKnownImage(String tenantId, String imageSha256, long phash, int acceptedFaces) {
        if (!enabled) {
            return false;
        }
        OffsetDateTime now = now();
        OffsetDateTime expires = now.plus(Duration.ofSeconds(ttlSeconds));
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery(JdbcDedupRows.REFRESH_KNOWN_IMAGE)
                .setParameter(1, tenantId).setParameter(2, imageSha256).setParameter(3, now)
                .setParameter(4, acceptedFaces).setParameter(5, phash)
                .setParameter(6, HashBands.key(tenantId, HashBands.band(phash, 0)))
                .setParameter(7, HashBands.key(tenantId, HashBands.band(phash, 1)))
                .setParameter(8, HashBands.key(tenantId, HashBands.band(phash, 2))).setParameter(9, expires)
                .setParameter(10, CounterShards.current()).getResultList();
        if (ids.isEmpty()) {
            return false;
        }
        if (memoryIndex) {
            long rowId = ((Number) ids.get(0)).longValue();
            long expiresAt = expires.toEpochSecond();
            afterCommit.run(() -> indexes.committed(tenantId, rowId, phash, expiresAt));
        }
        return true;
    }

    private void count(String tenantId, String checks, long checkCount, String hits, long hitCount) {
        em.createNativeQuery("INSERT INTO dedup_counters (tenant_id, name, shard, value) VALUES (?1, ?2, ?6, ?3),"
                        + " (?1, ?4, ?6, ?5) ON CONFLICT (tenant_id, name, shard) DO UPDATE"
                        + " SET value = dedup_counters.value + EXCLUDED.value")
                .setParameter(1, tenantId).setParameter(2, checks).setParameter(3, checkCount)
                .setParameter(4, hits).setParameter(5, hitCount).setParameter(6, CounterShards.current()).executeUpdate();
    }

    @Override
    @Transactional
    public long flush(Optional<String> tenantId) {
        long removed = 0;
        for (String table : new String[] {"dedup_images", "dedup_faces", "dedup_counters"}) {
            Query q = em.createNativeQuery("DELETE FROM " + table + (tenantId.isPresent() ? " WHERE tenant_id = ?1" : ""));
            tenantId.ifPresent(t -> q.setParameter(1, t));
            int n = q.executeUpdate();
            if (!table.equals("dedup_counters")) {
                removed += n;
            }
        }
        // other instances drop their in-memory copy when they see the generation change
        em.createNativeQuery("INSERT INTO dedup_flushes (tenant_id, generation) VALUES (?1, 1)"
                        + " ON CONFLICT (tenant_id) DO UPDATE SET generation = dedup_flushes.generation + 1")
                .setParameter(1, tenantId.orElse("")).executeUpdate();
        afterCommit.run(() -> indexes.flushed(tenantId));
        return removed;
    }

    /** Deletes expired entries; returns how many. */
    @Transactional
    public long purgeExpired() {
        OffsetDateTime now = now();
        return em.createNativeQuery("DELETE FROM dedup_images WHERE expires_at <= ?1").setParameter(1, now).executeUpdate()
                + em.createNativeQuery("DELETE FROM dedup_faces WHERE expires_at <= ?1").setParameter(1, now).executeUpdate();
    }

    @Override
    @Transactional
    public DedupStats stats(Optional<String> tenantId) {
        return statistics.stats(tenantId, enabled, maxHamming, ttlSeconds);
    }

    @Override
    @Transactional
    public List<DedupStats> statsByTenant() {
        return statistics.statsByTenant(enabled, maxHamming, ttlSeconds);
    }

    @Override
    @Transactional
    public void probe() {
        em.createNativeQuery("SELECT 1 FROM dedup_images LIMIT 1").getResultList();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
    }
}
