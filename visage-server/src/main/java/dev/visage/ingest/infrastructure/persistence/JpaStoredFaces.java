package dev.visage.ingest.infrastructure.persistence;

import dev.visage.ingest.application.DedicatedIndexes;
import dev.visage.ingest.application.StoredFaces;
import dev.visage.shared.infrastructure.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Native SQL over {@code faces}. Nearest-neighbour queries use exactly the expression and predicate
 * of the partial HNSW indexes ({@code (embedding::halfvec(d)) <=> ?} with {@code vector_dims(embedding) = d}),
 * set {@code hnsw.ef_search} for the transaction and turn on iterative scans (relaxed order, re-sorted
 * afterwards), so that tenant, group, site and date filters do not leave the result short. When the
 * filters leave few faces ({@code visage.search.exact-max-rows}), the search is exact instead: a filtered
 * HNSW scan visits its graph mostly through faces the filter rejects and misses neighbours (measured in
 * docs/BENCHMARKS.md "Search"), while distances over a few thousand B-tree-selected rows cost less.
 */
@ApplicationScoped
public class JpaStoredFaces implements StoredFaces {

    private static final String COLUMNS = "f.id, f.tenant_id, f.group_id, f.site, f.url, f.image_sha256, f.image_bucket,"
            + " f.image_key, f.face_index, f.bbox_x, f.bbox_y, f.bbox_w, f.bbox_h, f.det_score, f.quality_score, f.age,"
            + " f.gender, f.antispoof, f.model_name, f.model_version, f.crop_bucket, f.crop_key, f.thumb_key, f.created_at, f.image_path";
    private static final int COLUMN_COUNT = 25;
    private static final UUID NIL = new UUID(0, 0);

    @PersistenceContext(unitName = "visage")
    EntityManager em;

    private final int maxScanTuples;
    private final int exactMaxRows;
    private final int efSearchRows;

    @Inject
    public JpaStoredFaces(@ConfigProperty(name = "visage.search.max-scan-tuples") int maxScanTuples,
                          @ConfigProperty(name = "visage.search.exact-max-rows") int exactMaxRows,
                          @ConfigProperty(name = "visage.search.ef-search-rows") int efSearchRows) {
        this.maxScanTuples = maxScanTuples;
        this.exactMaxRows = exactMaxRows;
        this.efSearchRows = efSearchRows;
    }

    /** For CDI proxies only. */
    protected JpaStoredFaces() {
        this(20000, 0, 0);
    }

    @Override
    @Transactional
    public List<Match> nearest(NearestQuery q) {
        int dims = FaceSql.dims(q.vector().length);
        String[] model = FaceSql.split(q.model());
        String distance = FaceSql.distance(dims, "f.embedding", FaceSql.probe(1));
        List<Object> params = new ArrayList<>(List.of(FaceSql.literal(q.vector())));
        String sql;
        // an explicit ef_search always takes the index; otherwise the planner's estimate of the candidates
        // picks exact search (few) or the index with an ef_search that grows with them (many)
        long candidates = q.useIndex() ? 0 : estimate(q.tenantId(), model, q.filter());
        boolean exact = !q.useIndex() && exactMaxRows > 0 && candidates <= exactMaxRows;
        Graph graph = exact ? null : graph(dims, q.tenantId(), q.filter());
        String scope = FaceSql.scope(dims, q.tenantId(), model, q.filter(), graph == null ? null : graph.dedicated(), params);
        if (exact) {
            // few candidates (a group, a small tenant): exact, over the B-tree-selected rows; an HNSW scan
            // filtered down to a few percent of its graph would miss neighbours (and is no faster)
            sql = "WITH c AS MATERIALIZED (SELECT " + COLUMNS + ", " + distance + " AS distance" + scope + ")"
                    + " SELECT * FROM c ORDER BY distance LIMIT ?" + (params.size() + 1);
        } else {
            tune(Math.max(q.useIndex() ? q.efSearch()
                    : FaceSql.scaledEfSearch(q.efSearch(), candidates, graph.faces(), efSearchRows), q.topK()));
            // the index orders by half precision, and relaxed_order may return neighbours slightly out of
            // order: the outer query ranks them by the full-precision distance
            sql = "SELECT * FROM (SELECT " + COLUMNS + ", " + distance + " AS distance" + scope + " ORDER BY "
                    + FaceSql.indexedDistance(dims, "f.embedding", FaceSql.probe(1)) + " LIMIT ?"
                    + (params.size() + 1) + ") t ORDER BY distance";
        }
        params.add(q.topK());
        List<Match> out = new ArrayList<>();
        for (Object row : FaceSql.bind(em.createNativeQuery(sql), params).getResultList()) {
            Object[] r = (Object[]) row;
            double similarity = 1 - ((Number) r[COLUMN_COUNT]).doubleValue();
            if (similarity >= q.minSimilarity()) {
                out.add(new Match(face(r), similarity));
            }
        }
        return out;
    }

    /**
     * How many faces the search's filters leave, by the planner's estimate (EXPLAIN, the column statistics
     * of the B-tree-indexed filters): no rows are read, so it costs one planning. The dimension predicate
     * is left out: it has no statistics (the planner would guess 0.5 %), and the model already fixes the
     * dimension.
     */
    private long estimate(String tenantId, String[] model, Filter filter) {
        List<Object> params = new ArrayList<>();
        String scope = FaceSql.scope(0, tenantId, model, filter, params);
        Object plan = FaceSql.bind(em.createNativeQuery("EXPLAIN SELECT 1" + scope), params).getResultList().get(0);
        return FaceSql.estimatedRows(String.valueOf(plan));
    }

    /** The HNSW graph a search goes through, and its faces as of its build or last ANALYZE. */
    record Graph(DedicatedIndexes.Scope dedicated, long faces) {
    }

    /**
     * The graph of the search's scope: a ready dedicated index of the filtered site, else of the tenant, else the
     * shared graph of the dimension (dedicated null); one catalog read, no rows.
     */
    private Graph graph(int dims, String tenantId, Filter filter) {
        DedicatedIndexes.Scope tenant = new DedicatedIndexes.Scope(tenantId, null, dims);
        DedicatedIndexes.Scope site = filter == null || filter.site() == null ? null
                : new DedicatedIndexes.Scope(tenantId, filter.site(), dims);
        Map<String, Long> ready = new LinkedHashMap<>();
        for (Object row : em.createNativeQuery("SELECT c.relname, CAST(greatest(c.reltuples, 0) AS bigint) FROM pg_class c"
                        + " JOIN pg_index i ON i.indexrelid = c.oid WHERE i.indisvalid AND c.relname IN (?1, ?2, ?3)")
                .setParameter(1, FaceSql.indexName(dims)).setParameter(2, FaceSql.dedicatedIndexName(tenant))
                .setParameter(3, site == null ? "" : FaceSql.dedicatedIndexName(site)).getResultList()) {
            Object[] r = (Object[]) row;
            ready.put((String) r[0], ((Number) r[1]).longValue());
        }
        for (DedicatedIndexes.Scope scope : site == null ? List.of(tenant) : List.of(site, tenant)) {
            Long faces = ready.get(FaceSql.dedicatedIndexName(scope));
            if (faces != null) {
                return new Graph(scope, faces);
            }
        }
        return new Graph(null, ready.getOrDefault(FaceSql.indexName(dims), 0L));
    }

    @Override
    @Transactional
    public Map<UUID, List<Neighbour>> neighbours(String tenantId, String model, Filter filter, Collection<UUID> faceIds,
                                                 int k, double minSimilarity, int efSearch) {
        Map<UUID, List<Neighbour>> out = new LinkedHashMap<>();
        if (faceIds.isEmpty()) {
            return out;
        }
        faceIds.forEach(id -> out.put(id, new ArrayList<>()));
        tune(Math.max(efSearch, k + 1));
        String[] m = FaceSql.split(model);
        List<Object> params = new ArrayList<>(List.of(tenantId, m[0], m[1]));
        String where = FaceSql.filter(filter, params);
        params.add(k + 1);
        int limitParam = params.size();
        params.add(SqlValues.uuidArray(faceIds));
        int idsParam = params.size();
        // One HNSW probe per face (LATERAL); each vector's own dimension picks the index.
        StringBuilder sql = new StringBuilder();
        for (int dims : INDEXED_DIMENSIONS) {
            if (sql.length() > 0) {
                sql.append(" UNION ALL ");
            }
            sql.append("SELECT q.id AS qid, n.id AS nid, n.distance FROM faces q CROSS JOIN LATERAL (SELECT f.id, ")
                    .append(FaceSql.distance(dims, "f.embedding", "q.embedding"))
                    .append(" AS distance FROM faces f WHERE vector_dims(f.embedding) = ").append(dims)
                    .append(" AND f.tenant_id = ?1 AND f.model_name = ?2 AND f.model_version = ?3").append(where)
                    .append(" ORDER BY ").append(FaceSql.indexedDistance(dims, "f.embedding", "q.embedding")).append(" LIMIT ?").append(limitParam).append(") n")
                    .append(" WHERE q.id = ANY(CAST(?").append(idsParam).append(" AS uuid[])) AND q.tenant_id = ?1")
                    .append(" AND q.model_name = ?2 AND q.model_version = ?3 AND vector_dims(q.embedding) = ")
                    .append(dims);
        }
        for (Object row : FaceSql.bind(em.createNativeQuery(sql.toString()), params).getResultList()) {
            Object[] r = (Object[]) row;
            UUID q = (UUID) r[0];
            UUID n = (UUID) r[1];
            double similarity = 1 - ((Number) r[2]).doubleValue();
            if (!q.equals(n) && similarity >= minSimilarity) {
                out.get(q).add(new Neighbour(n, similarity));
            }
        }
        for (List<Neighbour> list : out.values()) {
            list.sort((a, b) -> Double.compare(b.similarity(), a.similarity()));
            if (list.size() > k) {
                list.subList(k, list.size()).clear();
            }
        }
        return out;
    }

    @Override
    public Optional<StoredFace> find(String tenantId, UUID faceId) {
        return find(tenantId, List.of(faceId)).stream().findFirst();
    }

    @Override
    public List<StoredFace> find(String tenantId, Collection<UUID> faceIds) {
        if (faceIds.isEmpty()) {
            return List.of();
        }
        List<?> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM faces f WHERE f.tenant_id = ?1"
                        + " AND f.id = ANY(CAST(?2 AS uuid[]))")
                .setParameter(1, tenantId).setParameter(2, SqlValues.uuidArray(faceIds)).getResultList();
        List<StoredFace> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(face((Object[]) r)));
        return out;
    }

    @Override
    public Map<UUID, float[]> vectors(String tenantId, Collection<UUID> faceIds) {
        Map<UUID, float[]> out = new LinkedHashMap<>();
        if (faceIds.isEmpty()) {
            return out;
        }
        List<?> rows = em.createNativeQuery("SELECT f.id, CAST(f.embedding AS text) FROM faces f WHERE f.tenant_id = ?1"
                        + " AND f.id = ANY(CAST(?2 AS uuid[]))")
                .setParameter(1, tenantId).setParameter(2, SqlValues.uuidArray(faceIds)).getResultList();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            out.put((UUID) r[0], FaceSql.parse((String) r[1]));
        }
        return out;
    }

    @Override
    public List<UUID> ids(String tenantId, String model, Filter filter, UUID afterId, int limit) {
        String[] m = FaceSql.split(model);
        List<Object> params = new ArrayList<>(List.of(tenantId, m[0], m[1], afterId == null ? NIL : afterId));
        String where = FaceSql.filter(filter, params);
        params.add(limit);
        List<?> rows = FaceSql.bind(em.createNativeQuery("SELECT f.id FROM faces f WHERE f.tenant_id = ?1 AND f.model_name = ?2"
                + " AND f.model_version = ?3 AND f.id > ?4" + where + " ORDER BY f.id LIMIT ?" + params.size()), params)
                .getResultList();
        return rows.stream().map(UUID.class::cast).toList();
    }

    @Override
    public List<FaceRef> createdSince(Instant since, UUID afterId, int limit) {
        List<?> rows = em.createNativeQuery("SELECT f.id, f.tenant_id, f.group_id, f.model_name, f.model_version,"
                        + " f.created_at FROM faces f WHERE (f.created_at, f.id) > (?1, ?2) ORDER BY f.created_at, f.id"
                        + " LIMIT ?3")
                .setParameter(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .setParameter(2, afterId == null ? NIL : afterId).setParameter(3, limit).getResultList();
        List<FaceRef> out = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            out.add(new FaceRef((UUID) r[0], (String) r[1], (String) r[2], r[3] + "@" + r[4], SqlValues.requiredInstant(r[5])));
        }
        return out;
    }

    @Override
    public Map<String, Long> modelCounts(String tenantId) {
        Map<String, Long> out = new LinkedHashMap<>();
        List<?> rows = em.createNativeQuery("SELECT f.model_name, f.model_version, count(*) FROM faces f"
                + " WHERE f.tenant_id = ?1 GROUP BY f.model_name, f.model_version ORDER BY 3 DESC")
                .setParameter(1, tenantId).getResultList();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            out.put(r[0] + "@" + r[1], ((Number) r[2]).longValue());
        }
        return out;
    }

    /** ef_search for this transaction (at least the result size), and iterative scans for filtered queries. */
    private void tune(int efSearch) {
        em.createNativeQuery("SELECT set_config('hnsw.ef_search', ?1, true), set_config('hnsw.iterative_scan',"
                        + " 'relaxed_order', true), set_config('hnsw.max_scan_tuples', ?2, true)")
                .setParameter(1, Integer.toString(Math.min(1000, Math.max(1, efSearch))))
                .setParameter(2, Integer.toString(maxScanTuples)).getResultList();
    }

    private static StoredFace face(Object[] r) {
        return new StoredFace((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                ((String) r[5]).trim(), (String) r[6], (String) r[7], ((Number) r[8]).intValue(), num(r[9]), num(r[10]),
                num(r[11]), num(r[12]), num(r[13]), optional(r[14]), optional(r[15]), (String) r[16], optional(r[17]),
                r[18] + "@" + r[19], (String) r[20], (String) r[21], (String) r[22], SqlValues.requiredInstant(r[23]),
                (String) r[24]);
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    private static Double optional(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

}
