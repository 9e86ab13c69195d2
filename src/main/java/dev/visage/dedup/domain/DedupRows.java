package dev.visage.dedup.domain;

import java.util.Collection;
import java.util.Map;

/** The dedup_images rows that {@link TenantIndexes} copies into memory (V11, V60). */
public interface DedupRows {

    /**
     * A lookup's one statement on the memory path: the candidates' rows that are still there and
     * live (memory may lag a flush, purge or refresh made elsewhere), and the tenant's check/hit
     * counters (a hit: any such row). Parameters: candidate ids (a bigint[] literal), tenant,
     * now, tenant.
     */
    String READ_BACK_AND_COUNT = "WITH live AS (SELECT image_sha256, phash, canonical_sha256 FROM dedup_images"
            + " WHERE id = ANY(CAST(? AS bigint[])) AND tenant_id = ? AND expires_at > ?),"
            + " counted AS (INSERT INTO dedup_counters (tenant_id, name, value) SELECT ?, v.name, v.value FROM"
            + " (VALUES ('image_checks', 1), ('image_hits', CASE WHEN EXISTS (SELECT 1 FROM live) THEN 1 ELSE 0 END))"
            + " AS v(name, value) ON CONFLICT (tenant_id, name) DO UPDATE SET value = dedup_counters.value + EXCLUDED.value)"
            + " SELECT image_sha256, phash, canonical_sha256 FROM live";

    /**
     * A transaction-id floor: every transaction with a smaller id has ended (PostgreSQL: the
     * xmin of a fresh snapshot). Rows read after this call include every committed row of them.
     */
    long floor();

    /** The flush generation of each scope ('' = every tenant). */
    Map<String, Long> generations();

    /** Streams the tenant's live rows. */
    void load(String tenantId, Sink sink);

    /** Streams the rows of these tenants written by transactions with an id &gt;= {@code floor}. */
    void writtenSince(long floor, Collection<String> tenantIds, Sink sink);

    /** Receives rows one at a time. */
    @FunctionalInterface
    interface Sink {
        void row(String tenantId, long id, long phash, long expiresEpochSecond);
    }
}
