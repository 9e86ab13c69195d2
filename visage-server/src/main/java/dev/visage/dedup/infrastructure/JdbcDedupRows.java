package dev.visage.dedup.infrastructure;

import dev.visage.dedup.domain.DedupRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@link DedupRows} over plain JDBC: streamed reads (a cursor of {@value #FETCH} rows, so a
 * 10 M-row tenant never sits in a result list), outside any JTA transaction.
 */
public final class JdbcDedupRows implements DedupRows {

    /**
     * A lookup's one statement on the memory path: the candidates' rows that are still there and
     * live (memory may lag a flush, purge or refresh made elsewhere), and the tenant's check/hit
     * counters (a hit: any such row). Parameters: candidate ids (a bigint[] literal), tenant,
     * now, tenant, counter shard ({@code CounterShards}).
     */
    public static final String READ_BACK_AND_COUNT = "WITH live AS (SELECT image_sha256, phash, canonical_sha256 FROM dedup_images"
            + " WHERE id = ANY(CAST(? AS bigint[])) AND tenant_id = ? AND expires_at > ?),"
            + " counted AS (INSERT INTO dedup_counters (tenant_id, name, shard, value) SELECT ?, v.name, ?, v.value FROM"
            + " (VALUES ('image_checks', 1), ('image_hits', CASE WHEN EXISTS (SELECT 1 FROM live) THEN 1 ELSE 0 END))"
            + " AS v(name, value) ON CONFLICT (tenant_id, name, shard) DO UPDATE SET value = dedup_counters.value + EXCLUDED.value)"
            + " SELECT image_sha256, phash, canonical_sha256 FROM live";

    /** Remembering an image: its row, or a refresh of it (txid: other instances' catch-up reads refreshed rows too, V60). */
    private static final String IMAGE_UPSERT = "INSERT INTO dedup_images (tenant_id, image_sha256, phash, key0, key1,"
            + " key2, created_at, expires_at, canonical_sha256) ";
    private static final String IMAGE_UPSERT_TAIL = " ON CONFLICT (tenant_id, image_sha256) DO UPDATE"
            + " SET expires_at = EXCLUDED.expires_at, txid = EXCLUDED.txid RETURNING id";

    /** Parameters: tenant, sha256, pHash, the three band keys, created, expires, canonical sha256. Returns the row's id. */
    static final String REMEMBER_IMAGE = IMAGE_UPSERT + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)" + IMAGE_UPSERT_TAIL;

    /**
     * A re-crawl's whole dedup work in one round trip (six statements before, docs/BENCHMARKS.md):
     * the image must be its own canonical entry with exactly its accepted faces still live; then
     * the entries are renewed and the counters count every face a hit. Each writing part is
     * guarded by "ok", so nothing changes when the answer is no. Parameters: tenant, sha256, now,
     * accepted faces, pHash, the three band keys, expires, counter shard. Returns the image row's
     * id, or no row.
     */
    static final String REFRESH_KNOWN_IMAGE = "WITH ok AS (SELECT 1 WHERE EXISTS (SELECT 1 FROM dedup_images"
            + " WHERE tenant_id = ?1 AND image_sha256 = ?2 AND canonical_sha256 = ?2 AND expires_at > ?3)"
            + " AND (SELECT count(*) FROM dedup_faces WHERE tenant_id = ?1 AND canonical_sha256 = ?2"
            + " AND expires_at > ?3) = ?4),"
            + " image AS (" + IMAGE_UPSERT + "SELECT ?1, ?2, ?5, ?6, ?7, ?8, ?3, ?9, ?2 FROM ok" + IMAGE_UPSERT_TAIL + "),"
            + " faces AS (UPDATE dedup_faces SET expires_at = ?9 WHERE tenant_id = ?1 AND canonical_sha256 = ?2"
            + " AND expires_at > ?3 AND EXISTS (SELECT 1 FROM ok)),"
            + " counted AS (INSERT INTO dedup_counters (tenant_id, name, shard, value) SELECT ?1, v.name, ?10,"
            + " v.value FROM ok, (VALUES ('image_checks', 1), ('image_hits', 1), ('face_checks', ?4),"
            + " ('face_hits', ?4)) AS v(name, value) ON CONFLICT (tenant_id, name, shard) DO UPDATE"
            + " SET value = dedup_counters.value + EXCLUDED.value)"
            + " SELECT id FROM image";

    static final int FETCH = 10_000;

    private final DataSource dataSource;

    public JdbcDedupRows(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public long floor() {
        return single("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint");
    }

    @Override
    public Map<String, Long> generations() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tenant_id, generation FROM dedup_flushes")) {
            Map<String, Long> out = new HashMap<>();
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("reading dedup_flushes: " + e.getMessage(), e);
        }
    }

    @Override
    public void load(String tenantId, Sink sink) {
        stream("SELECT tenant_id, id, phash, extract(epoch FROM expires_at)::bigint FROM dedup_images"
                + " WHERE tenant_id = ? AND expires_at > now()", sink, ps -> ps.setString(1, tenantId));
    }

    @Override
    public void writtenSince(long floor, Collection<String> tenantIds, Sink sink) {
        stream("SELECT tenant_id, id, phash, extract(epoch FROM expires_at)::bigint FROM dedup_images"
                + " WHERE txid >= CAST(CAST(? AS text) AS xid8) AND tenant_id = ANY(?)", sink, ps -> {
                    ps.setString(1, Long.toString(floor));
                    ps.setArray(2, ps.getConnection().createArrayOf("varchar", tenantIds.toArray()));
                });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void stream(String sql, Sink sink, Binder binder) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);  // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(FETCH);
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
                    }
                }
                c.commit();
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading dedup_images: " + e.getMessage(), e);
        }
    }

    private long single(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
