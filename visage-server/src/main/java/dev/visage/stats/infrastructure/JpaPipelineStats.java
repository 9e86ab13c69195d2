package dev.visage.stats.infrastructure;

import dev.visage.stats.application.MinuteCounters;
import dev.visage.stats.application.PipelineStats;
import dev.visage.stats.application.StatsSnapshot;
import dev.visage.stats.application.TenantCounters;
import dev.visage.stats.domain.TimingBuckets;
import dev.visage.shared.infrastructure.persistence.CounterShards;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Counters and timing histograms in stats_counters / stats_timings, and the counters per
 * minute in stats_minutes, each striped over {@link CounterShards} (readers add the shards up).
 * Each record() is one statement of up to three upserts, always in the same order and each with
 * its rows sorted, so concurrent transactions lock rows in the same order and cannot deadlock.
 */
@ApplicationScoped
public class JpaPipelineStats implements PipelineStats {

    static final String GLOBAL = "*";

    @PersistenceContext(unitName = "visage")
    EntityManager em;

    private final Clock clock;

    @Inject
    public JpaPipelineStats(Clock clock) {
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected JpaPipelineStats() {
        this(null);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String tenantId, Map<String, Long> counters, Map<String, Double> timingsMs) {
        short shard = CounterShards.current();
        List<String> scopes = tenantId == null || tenantId.equals(GLOBAL) ? List.of(GLOBAL) : List.of(GLOBAL, tenantId);
        List<Upsert> upserts = new ArrayList<>();
        TreeMap<String, Long> counterRows = new TreeMap<>();
        counters.forEach((name, value) -> {
            if (value != null && value != 0) {
                scopes.forEach(scope -> counterRows.put(scope + '\u0000' + name, value));
            }
        });
        if (!counterRows.isEmpty()) {
            StringBuilder sql = new StringBuilder("INSERT INTO stats_counters (scope, name, shard, value) VALUES ");
            List<Object> params = new ArrayList<>();
            counterRows.forEach((k, v) -> {
                int sep = k.indexOf('\u0000');
                sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?)");
                params.add(k.substring(0, sep));
                params.add(k.substring(sep + 1));
                params.add(shard);
                params.add(v);
            });
            sql.append(" ON CONFLICT (scope, name, shard) DO UPDATE SET value = stats_counters.value + EXCLUDED.value");
            upserts.add(new Upsert(sql.toString(), params));
            upserts.add(minutes(counters, shard));
        }
        // scope, stage, bucket -> (count, total)
        TreeMap<String, double[]> timingRows = new TreeMap<>();
        timingsMs.forEach((stage, ms) -> {
            if (ms != null && ms >= 0) {
                int bucket = TimingBuckets.bucketOf(ms);
                scopes.forEach(scope -> timingRows.merge(scope + '\u0000' + stage + '\u0000' + String.format("%03d", bucket),
                        new double[] {1, ms}, (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]}));
            }
        });
        if (!timingRows.isEmpty()) {
            StringBuilder sql = new StringBuilder("INSERT INTO stats_timings (scope, stage, bucket, shard, count, total_ms) VALUES ");
            List<Object> params = new ArrayList<>();
            timingRows.forEach((k, v) -> {
                String[] parts = k.split("\u0000");
                sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
                params.add(parts[0]);
                params.add(parts[1]);
                params.add(Short.parseShort(parts[2]));
                params.add(shard);
                params.add((long) v[0]);
                params.add(v[1]);
            });
            sql.append(" ON CONFLICT (scope, stage, bucket, shard) DO UPDATE SET count = stats_timings.count + EXCLUDED.count,"
                    + " total_ms = stats_timings.total_ms + EXCLUDED.total_ms");
            upserts.add(new Upsert(sql.toString(), params));
        }
        executeAsOne(upserts);
    }

    /** One upsert statement and its positional parameters. */
    private record Upsert(String sql, List<Object> params) {
    }

    /** The throughput series: this minute's row per counter, all tenants together. */
    private Upsert minutes(Map<String, Long> counters, short shard) {
        OffsetDateTime minute = OffsetDateTime.ofInstant(clock.instant().truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC);
        TreeMap<String, Long> rows = new TreeMap<>();
        counters.forEach((name, value) -> {
            if (value != null && value != 0) {
                rows.put(name, value);
            }
        });
        StringBuilder sql = new StringBuilder("INSERT INTO stats_minutes (minute, name, shard, value) VALUES ");
        List<Object> params = new ArrayList<>();
        rows.forEach((name, value) -> {
            sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?)");
            params.add(minute);
            params.add(name);
            params.add(shard);
            params.add(value);
        });
        sql.append(" ON CONFLICT (minute, name, shard) DO UPDATE SET value = stats_minutes.value + EXCLUDED.value");
        return new Upsert(sql.toString(), params);
    }

    /**
     * The upserts as one statement (all but the last as data-modifying WITH parts): one round trip
     * per message instead of three. The parts always come in the same order, so concurrent
     * transactions still lock rows in the same order.
     */
    private void executeAsOne(List<Upsert> upserts) {
        if (upserts.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        int last = upserts.size() - 1;
        for (int i = 0; i < last; i++) {
            sql.append(i == 0 ? "WITH " : ", ").append('u').append(i).append(" AS (").append(upserts.get(i).sql())
                    .append(") ");
            params.addAll(upserts.get(i).params());
        }
        sql.append(upserts.get(last).sql());
        params.addAll(upserts.get(last).params());
        execute(sql.toString(), params);
    }

    private void execute(String sql, List<Object> params) {
        Query q = em.createNativeQuery(sql);
        for (int i = 0; i < params.size(); i++) {
            q.setParameter(i + 1, params.get(i));
        }
        q.executeUpdate();
    }

    @Override
    @Transactional
    public StatsSnapshot snapshot(Optional<String> tenantId) {
        String scope = tenantId.orElse(GLOBAL);
        Map<String, Long> counters = zeroCounters();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT name, sum(value) FROM stats_counters WHERE scope = ?1 GROUP BY name")
                .setParameter(1, scope).getResultList();
        for (Object[] row : rows) {
            counters.put((String) row[0], ((Number) row[1]).longValue());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> timings = em.createNativeQuery(
                "SELECT stage, bucket, sum(count), sum(total_ms) FROM stats_timings WHERE scope = ?1"
                        + " GROUP BY stage, bucket ORDER BY stage, bucket")
                .setParameter(1, scope).getResultList();
        Map<String, long[]> histograms = new TreeMap<>();
        Map<String, double[]> sums = new TreeMap<>();
        for (Object[] row : timings) {
            String stage = (String) row[0];
            int bucket = ((Number) row[1]).intValue();
            long count = ((Number) row[2]).longValue();
            histograms.computeIfAbsent(stage, s -> new long[TimingBuckets.COUNT])[bucket] += count;
            double[] sum = sums.computeIfAbsent(stage, s -> new double[2]);
            sum[0] += count;
            sum[1] += ((Number) row[3]).doubleValue();
        }
        Map<String, StatsSnapshot.StageTiming> out = new LinkedHashMap<>();
        sums.forEach((stage, s) -> {
            long count = (long) s[0];
            double avg = count == 0 ? 0 : s[1] / count;
            out.put(stage, new StatsSnapshot.StageTiming(count, round(s[1]), round(avg),
                    round(TimingBuckets.quantile(histograms.get(stage), 0.95))));
        });
        return new StatsSnapshot(scope.equals(GLOBAL) ? "global" : scope, counters, out);
    }

    @Override
    @Transactional
    public List<TenantCounters> tenants() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT scope, name, sum(value) FROM stats_counters WHERE scope <> ?1"
                + " GROUP BY scope, name ORDER BY scope").setParameter(1, GLOBAL).getResultList();
        Map<String, Map<String, Long>> byTenant = new TreeMap<>();
        for (Object[] row : rows) {
            byTenant.computeIfAbsent((String) row[0], t -> zeroCounters())
                    .put((String) row[1], ((Number) row[2]).longValue());
        }
        List<TenantCounters> tenants = new ArrayList<>();
        byTenant.forEach((tenant, counters) -> tenants.add(new TenantCounters(tenant, counters)));
        return tenants;
    }

    @Override
    @Transactional
    public List<MinuteCounters> perMinute(Duration window) {
        Duration span = window.compareTo(MINUTES_KEPT) > 0 ? MINUTES_KEPT : window;
        Instant now = clock.instant();
        Instant first = now.minus(span).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT CAST(extract(epoch FROM minute) AS bigint), name, sum(value)"
                + " FROM stats_minutes WHERE minute >= ?1 GROUP BY minute, name").setParameter(1, Timestamp.from(first)).getResultList();
        Map<Long, Map<String, Long>> byMinute = new HashMap<>();
        for (Object[] row : rows) {
            byMinute.computeIfAbsent(((Number) row[0]).longValue(), m -> zeroCounters())
                    .put((String) row[1], ((Number) row[2]).longValue());
        }
        List<MinuteCounters> minutes = new ArrayList<>();
        for (Instant m = first; !m.isAfter(now); m = m.plus(1, ChronoUnit.MINUTES)) {
            minutes.add(new MinuteCounters(m, byMinute.getOrDefault(m.getEpochSecond(), zeroCounters())));
        }
        return minutes;
    }

    /** Deletes per-minute counters older than {@link #MINUTES_KEPT}; returns how many rows. */
    @Transactional
    public int purgeMinutes() {
        return em.createNativeQuery("DELETE FROM stats_minutes WHERE minute < ?1")
                .setParameter(1, Timestamp.from(clock.instant().minus(MINUTES_KEPT))).executeUpdate();
    }

    private static Map<String, Long> zeroCounters() {
        Map<String, Long> counters = new LinkedHashMap<>();
        COUNTERS.forEach(c -> counters.put(c, 0L));
        return counters;
    }

    @Override
    @Transactional
    public void reset(Optional<String> tenantId) {
        if (tenantId.isPresent()) {
            em.createNativeQuery("DELETE FROM stats_counters WHERE scope = ?1").setParameter(1, tenantId.get()).executeUpdate();
            em.createNativeQuery("DELETE FROM stats_timings WHERE scope = ?1").setParameter(1, tenantId.get()).executeUpdate();
        } else {
            em.createNativeQuery("DELETE FROM stats_counters").executeUpdate();
            em.createNativeQuery("DELETE FROM stats_timings").executeUpdate();
            em.createNativeQuery("DELETE FROM stats_minutes").executeUpdate();
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
