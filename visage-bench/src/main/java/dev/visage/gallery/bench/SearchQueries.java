package dev.visage.gallery.bench;

import dev.visage.ingest.application.DedicatedIndexes;
import dev.visage.ingest.infrastructure.persistence.FaceSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements of {@code JpaStoredFaces.nearest} over the benchmark's table: the planner's estimate of the
 * candidates, then either the exact statement over the B-tree-selected rows (few candidates) or the HNSW
 * statement ({@code hnsw.ef_search}, iterative scans, {@code hnsw.max_scan_tuples} for the transaction;
 * an inner {@code ORDER BY … LIMIT} over the index's expression, re-sorted by the full-precision distance);
 * or, for the ground truth's cost, the plain statement with index scans off.
 */
final class SearchQueries {

    private static final Pattern ROWS = Pattern.compile("rows=(\\d+)");

    /** Search settings: the index's storage, rows asked of the index per result, exact threshold, scan mode. */
    record Settings(boolean half, int overfetch, int exactMaxRows, String iterative, int maxScanTuples) {
    }

    private final Connection c;
    private final int dims;
    private final Settings settings;
    private DedicatedIndexes.Scope dedicated;

    SearchQueries(Connection c, int dims, Settings settings) {
        this.c = c;
        this.dims = dims;
        this.settings = settings;
    }

    /** From now on, searches of this scope name its dedicated index's predicate, as production does once it is ready. */
    void dedicated(DedicatedIndexes.Scope scope) {
        this.dedicated = scope;
    }

    /** The planner's estimate of the scope's rows (what production decides by). */
    long estimate(String column, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN SELECT 1" + where(false, column))) {
            bind(ps, 1, column, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Matcher m = ROWS.matcher(rs.getString(1));
                return m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
            }
        }
    }

    /** The ten nearest ids: exact (index scans off), or the production plan at this ef_search. */
    Set<String> nearest(float[] probe, String column, String value, int ef, boolean exact) throws SQLException {
        c.setAutoCommit(false);
        try {
            boolean few = !exact && settings.exactMaxRows() > 0 && estimate(column, value) <= settings.exactMaxRows();
            String full = FaceSql.distance(dims, "f.embedding", FaceSql.probe(1));
            // production's index expression, or (half=false) the vector(d) index the faces had before V18_1
            String indexed = settings.half() ? FaceSql.indexedDistance(dims, "f.embedding", FaceSql.probe(1)) : full;
            try (Statement s = c.createStatement()) {
                if (exact) {
                    s.execute("SET LOCAL enable_indexscan = off");
                    s.execute("SET LOCAL enable_bitmapscan = off");
                } else if (!few) {
                    s.execute("SELECT set_config('hnsw.ef_search', '" + ef + "', true), set_config('hnsw.iterative_scan', '"
                            + settings.iterative() + "', true), set_config('hnsw.max_scan_tuples', '"
                            + settings.maxScanTuples() + "', true)");
                }
            }
            String sql;
            if (few) {
                sql = "WITH c AS MATERIALIZED (SELECT f.id, " + full + " AS distance" + where(true, column) + ")"
                        + " SELECT id FROM c ORDER BY distance LIMIT 10";
            } else if (exact) {
                // its own text: a cached generic plan ignores enable_indexscan, so a shared text could serve HNSW runs
                sql = "/* exact */ SELECT f.id, " + full + " AS distance" + where(true, column) + " ORDER BY distance LIMIT 10";
            } else {
                sql = "SELECT id FROM (SELECT f.id, " + full + " AS distance" + where(true, column) + " ORDER BY " + indexed
                        + " LIMIT " + 10 * settings.overfetch() + ") t ORDER BY distance LIMIT 10";
            }
            Set<String> ids = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(sql.replace("?1", "?"))) {
                ps.setString(1, FaceSql.literal(probe));
                bind(ps, 2, column, value);
                if (!few && !exact) {
                    // the inner ORDER BY names the probe a second time (placeholders are positional in JDBC)
                    ps.setString(5 + (column == null ? 0 : 1), FaceSql.literal(probe));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        } finally {
            c.commit();
            c.setAutoCommit(true);
        }
    }

    /** FROM and WHERE: the tenant's faces of the model (and of the index's dimension), and the filter. */
    private String where(boolean dimension, String column) {
        boolean ownGraph = dimension && dedicated != null && (dedicated.site() == null || "site".equals(column));
        return " FROM faces f WHERE " + (dimension ? "vector_dims(f.embedding) = " + dims + " AND " : "")
                + (ownGraph ? FaceSql.dedicatedPredicate(dedicated, "f") + " AND " : "")
                + "f.tenant_id = ? AND f.model_name = ? AND f.model_version = ?" + (column == null ? "" : " AND f." + column + " = ?");
    }

    private static int bind(PreparedStatement ps, int i, String column, String value) throws SQLException {
        ps.setString(i++, SearchCorpus.tenant(0));
        ps.setString(i++, SearchCorpus.MODEL);
        ps.setString(i++, SearchCorpus.VERSION);
        if (column != null) {
            ps.setString(i++, value);
        }
        return i;
    }
}
