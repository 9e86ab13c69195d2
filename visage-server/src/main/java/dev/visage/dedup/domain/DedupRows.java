package dev.visage.dedup.domain;

import java.util.Collection;
import java.util.Map;

/** The dedup_images rows that {@link TenantIndexes} copies into memory (V11, V60). */
public interface DedupRows {

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
