package dev.visage.ingest.infrastructure.persistence;

import dev.visage.ingest.application.DedicatedIndexes;
import dev.visage.ingest.application.StoredFaces;
import dev.visage.ingest.application.StoredFaces.Filter;
import jakarta.persistence.Query;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The faces table's SQL pieces: the WHERE of a tenant's faces of one model, the pgvector and model
 * literals, the index expressions, and the planner numbers the search scales ef_search by. Public for
 * the search benchmark (visage-bench), which runs the production expressions and ef_search rule.
 */
public final class FaceSql {

    /** pgvector's upper bound for hnsw.ef_search. */
    static final int MAX_EF_SEARCH = 1000;

    /** ef_construction of the dedicated indexes (see {@link #dedicatedIndexDdl}). */
    static final int DEDICATED_EF_CONSTRUCTION = 128;

    private static final Pattern ROWS = Pattern.compile("rows=(\\d+)");

    private FaceSql() {
    }

    /**
     * The ef_search of a search over an HNSW graph of {@code graph} faces whose filters (tenant, group, site,
     * dates) keep {@code candidates} of them, by the planner's estimate. Two effects, both measured
     * (docs/BENCHMARKS.md "Search"): recall at a fixed ef_search falls as the graph grows, and doubling
     * ef_search for every tenfold growth beyond {@code perRows} faces held it (with the defaults, 1M faces:
     * 246, recall@10 0.955); and a filter that keeps a fraction of the graph leaves that fraction of the candidate list,
     * so ef_search is divided by it. Capped at pgvector's maximum; at least the default.
     */
    public static int scaledEfSearch(int efSearch, long candidates, long graph, int perRows) {
        if (perRows <= 0) {
            return efSearch;
        }
        long indexed = Math.max(1, Math.max(graph, candidates));
        double growth = indexed <= perRows ? 1 : Math.pow(2, Math.log10((double) indexed / perRows));
        double kept = Math.min(1, Math.max(1, candidates) / (double) indexed);
        double scaled = Math.ceil(efSearch * growth / kept);
        return (int) Math.min(MAX_EF_SEARCH, Math.max(efSearch, scaled));
    }

    /** The partial HNSW index over the faces of one dimension (V18_1). */
    public static String indexName(int dims) {
        return "faces_embedding_" + dims + "_halfvec";
    }

    /**
     * The name of a dedicated index (ingest's DedicatedIndexes): a digest of its scope, so that every instance
     * finds a scope's index by name, whatever characters the tenant and site hold.
     */
    public static String dedicatedIndexName(DedicatedIndexes.Scope scope) {
        String key = scope.tenantId() + "\u0000" + (scope.site() == null ? "" : "\u0001" + scope.site());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "faces_dedicated_" + scope.dims() + "_" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * The predicate of a dedicated index, and of the searches it serves, over {@code faces} as {@code alias}
     * (empty: unqualified, as in CREATE INDEX). The tenant and site are literals: PostgreSQL uses a partial
     * index only when the query's WHERE proves its predicate, which a bound parameter never does.
     */
    public static String dedicatedPredicate(DedicatedIndexes.Scope scope, String alias) {
        String a = alias.isEmpty() ? "" : alias + ".";
        return "vector_dims(" + a + "embedding) = " + scope.dims() + " AND " + a + "tenant_id = " + quote(scope.tenantId())
                + (scope.site() == null ? "" : " AND " + a + "site = " + quote(scope.site()));
    }

    /**
     * The CREATE INDEX of a dedicated index: the shared graphs' {@code m} (V18_1) with a larger
     * {@code ef_construction}, which a graph of a few hundred thousand faces affords: for a 100 000-face site of 1M,
     * recall@10 0.957 at the ef_search rule's 128 against 0.948 with the shared graphs' 64, for a build of about a
     * minute more (docs/BENCHMARKS.md "Search").
     */
    public static String dedicatedIndexDdl(DedicatedIndexes.Scope scope) {
        return "CREATE INDEX CONCURRENTLY " + dedicatedIndexName(scope) + " ON faces USING hnsw ((embedding::halfvec("
                + scope.dims() + ")) halfvec_cosine_ops) WITH (m = 24, ef_construction = " + DEDICATED_EF_CONSTRUCTION
                + ") WHERE " + dedicatedPredicate(scope, "");
    }

    /** A SQL string literal (standard_conforming_strings, PostgreSQL's default since 9.1). */
    static String quote(String value) {
        if (value.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("text with a NUL character cannot be stored");
        }
        return "'" + value.replace("'", "''") + "'";
    }

    /** The row estimate of a plan's top line, e.g. {@code Index Scan ... (cost=0.29..8.30 rows=20 width=4)}. */
    static long estimatedRows(String planLine) {
        Matcher m = ROWS.matcher(planLine);
        if (!m.find()) {
            throw new IllegalStateException("no row estimate in the plan line: " + planLine);
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * FROM and WHERE of a search: the tenant's faces of one model within the filter, and (dims &gt; 0) of
     * that dimension, the partial HNSW index's predicate.
     */
    static String scope(int dims, String tenantId, String[] model, Filter filter, List<Object> params) {
        return scope(dims, tenantId, model, filter, null, params);
    }

    /**
     * As {@link #scope(int, String, String[], Filter, List)}, and with a dedicated index's predicate (not null),
     * so that the planner may search its graph.
     */
    static String scope(int dims, String tenantId, String[] model, Filter filter, DedicatedIndexes.Scope dedicated,
                        List<Object> params) {
        params.add(tenantId);
        int tenant = params.size();
        params.add(model[0]);
        params.add(model[1]);
        return " FROM faces f WHERE " + (dims > 0 ? "vector_dims(f.embedding) = " + dims + " AND " : "")
                + (dedicated == null ? "" : dedicatedPredicate(dedicated, "f") + " AND ")
                + "f.tenant_id = ?" + tenant
                + " AND f.model_name = ?" + (tenant + 1) + " AND f.model_version = ?" + (tenant + 2)
                + filter(filter, params);
    }

    static String filter(Filter filter, List<Object> params) {
        StringBuilder where = new StringBuilder();
        if (filter == null) {
            return "";
        }
        if (filter.groupId() != null) {
            params.add(filter.groupId());
            where.append(" AND f.group_id = ?").append(params.size());
        }
        if (filter.site() != null) {
            params.add(filter.site());
            where.append(" AND f.site = ?").append(params.size());
        }
        if (filter.from() != null) {
            params.add(OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
            where.append(" AND f.created_at >= ?").append(params.size());
        }
        if (filter.to() != null) {
            params.add(OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
            where.append(" AND f.created_at < ?").append(params.size());
        }
        return where.toString();
    }

    static Query bind(Query query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }

    static int dims(int length) {
        if (!StoredFaces.INDEXED_DIMENSIONS.contains(length)) {
            throw new IllegalArgumentException("no HNSW index for " + length + "-d vectors (indexed: " + StoredFaces.INDEXED_DIMENSIONS + ")");
        }
        return length;
    }

    static String[] split(String model) {
        int at = model.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("model must be name@version, not " + model);
        }
        return new String[] {model.substring(0, at), model.substring(at + 1)};
    }

    /**
     * The distance the partial HNSW indexes order by (V18_1): half precision, which halves the graph's
     * memory and reads; its rounding (about 1e-3 of a cosine) only decides which candidates come back, the
     * answer is ranked by {@link #distance}. Queries must use this expression to use the index.
     */
    public static String indexedDistance(int dims, String column, String probe) {
        return "(" + column + "::halfvec(" + dims + ")) <=> (" + probe + "::halfvec(" + dims + "))";
    }

    /**
     * The probe vector bound as statement parameter {@code n}, parsed once per statement: a cast of the
     * parameter inside a per-row expression is evaluated for every row under a generic plan (the JDBC
     * driver's server-side prepared statements, from the fifth run on), about 8 µs a row for a 128-d text
     * literal, which made an exact search over 1 000 faces take 9 ms instead of 1.6 (docs/BENCHMARKS.md).
     */
    public static String probe(int n) {
        return "(SELECT CAST(?" + n + " AS vector))";
    }

    /** The full-precision cosine distance answers are ranked and reported by. */
    public static String distance(int dims, String column, String probe) {
        return "(" + column + "::vector(" + dims + ")) <=> (" + probe + "::vector(" + dims + "))";
    }

    public static String literal(float[] v) {
        StringBuilder b = new StringBuilder(v.length * 12).append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(v[i]);
        }
        return b.append(']').toString();
    }

    static float[] parse(String text) {
        String body = text.strip();
        body = body.substring(1, body.length() - 1);
        String[] parts = body.split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Float.parseFloat(parts[i]);
        }
        return v;
    }
}
