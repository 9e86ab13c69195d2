package dev.visage.ingest.infrastructure.persistence;

import dev.visage.ingest.application.DedicatedIndexes;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Dedicated indexes as partial HNSW indexes of {@code faces}, built with CREATE INDEX CONCURRENTLY on a pooled
 * connection outside any transaction (ingest keeps writing meanwhile; {@link FaceSql#dedicatedIndexDdl}).
 * {@code dedicated_indexes} records
 * each scope and its build; the state reported is reconciled with the catalog: valid is READY, a build no backend
 * runs any more is FAILED (the server stopped during it), and creating it again rebuilds it.
 */
@ApplicationScoped
public class PgDedicatedIndexes implements DedicatedIndexes {

    private static final Logger LOG = Logger.getLogger(PgDedicatedIndexes.class.getName());

    /**
     * A build counts as running while a backend reports its progress, or within a minute of its start (CREATE INDEX
     * CONCURRENTLY shows the index in the catalog before it reports progress on it).
     */
    private static final String STATE = "CASE WHEN i.indisvalid THEN 'READY' WHEN d.state <> 'BUILDING' THEN 'FAILED'"
            + " WHEN EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = c.oid)"
            + " OR d.updated_at > now() - interval '1 minute' THEN 'BUILDING' ELSE 'FAILED' END";
    private static final String SELECT = "SELECT d.tenant_id, d.site, d.dims, d.index_name, " + STATE
            + ", CAST(CASE WHEN i.indisvalid THEN greatest(c.reltuples, 0) ELSE 0 END AS bigint)"
            + " FROM dedicated_indexes d LEFT JOIN pg_class c ON c.relname = d.index_name"
            + " LEFT JOIN pg_index i ON i.indexrelid = c.oid";

    @Resource(lookup = "jdbc/visage")
    DataSource dataSource;

    @Resource
    ManagedExecutorService executor;

    @Override
    public DedicatedIndex create(Scope scope) {
        FaceSql.dims(scope.dims());
        FaceSql.quote(scope.tenantId());
        String name = FaceSql.dedicatedIndexName(scope);
        Optional<DedicatedIndex> existing = find(scope);
        if (existing.isPresent() && existing.get().state() != State.FAILED) {
            return existing.get();
        }
        // one build per scope, whichever instance or request asks first (a BUILDING row older than a minute
        // whose build no backend runs is what a stopped server leaves)
        int claimed = update("INSERT INTO dedicated_indexes (index_name, tenant_id, site, dims, state) VALUES (?, ?, ?, ?,"
                + " 'BUILDING') ON CONFLICT (index_name) DO UPDATE SET state = 'BUILDING', error = NULL, updated_at = now()"
                + " WHERE dedicated_indexes.state <> 'BUILDING' OR dedicated_indexes.updated_at < now() - interval '1 minute'",
                name, scope.tenantId(), scope.site(), scope.dims());
        if (claimed == 1) {
            executor.execute(() -> build(scope, name));
        }
        return find(scope).orElseThrow();
    }

    private void build(Scope scope, String name) {
        long t = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("DROP INDEX CONCURRENTLY IF EXISTS " + name);
            s.execute(FaceSql.dedicatedIndexDdl(scope));
            update("UPDATE dedicated_indexes SET state = 'READY', updated_at = now() WHERE index_name = ?", name);
            LOG.info(() -> String.format("dedicated index %s for %s built in %.0f s", name, scope, (System.nanoTime() - t) / 1e9));
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "dedicated index " + name + " for " + scope + " failed", e);
            update("UPDATE dedicated_indexes SET state = 'FAILED', error = ?, updated_at = now() WHERE index_name = ?",
                    String.valueOf(e.getMessage()), name);
        }
    }

    @Override
    public List<DedicatedIndex> list(String tenantId) {
        return query(SELECT + (tenantId == null ? "" : " WHERE d.tenant_id = ?") + " ORDER BY d.tenant_id, d.site NULLS FIRST,"
                + " d.dims", tenantId == null ? new Object[0] : new Object[] {tenantId});
    }

    @Override
    public Optional<DedicatedIndex> find(Scope scope) {
        return query(SELECT + " WHERE d.index_name = ?", FaceSql.dedicatedIndexName(scope)).stream().findFirst();
    }

    @Override
    public boolean drop(Scope scope) {
        String name = FaceSql.dedicatedIndexName(scope);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            // a build still running would hold the DROP until it ends: stop it
            s.execute("SELECT pg_cancel_backend(p.pid) FROM pg_stat_progress_create_index p JOIN pg_class c"
                    + " ON c.oid = p.index_relid WHERE c.relname = " + FaceSql.quote(name));
            s.execute("DROP INDEX CONCURRENTLY IF EXISTS " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop dedicated index " + name + ": " + e.getMessage(), e);
        }
        return update("DELETE FROM dedicated_indexes WHERE index_name = ?", name) == 1;
    }

    private List<DedicatedIndex> query(String sql, Object... params) {
        List<DedicatedIndex> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = bind(c.prepareStatement(sql), params);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new DedicatedIndex(new Scope(rs.getString(1), rs.getString(2), rs.getInt(3)), rs.getString(4),
                        State.valueOf(rs.getString(5)), rs.getLong(6)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read dedicated_indexes: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = bind(c.prepareStatement(sql), params)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write dedicated_indexes: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }
}
