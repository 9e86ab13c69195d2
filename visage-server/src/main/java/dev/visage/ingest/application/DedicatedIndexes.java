package dev.visage.ingest.application;

import java.util.List;
import java.util.Optional;

/**
 * HNSW graphs of their own for a tenant, or for one site of a tenant: partial indexes of {@code faces} beside the
 * shared graph of their dimension. A search filtered to a small share of a large graph visits mostly faces the
 * filter rejects (a 10 % site of 1M faces needs ef_search 800 for recall@10 0.95, ~45 ms); over a graph of its own
 * the same search is unfiltered and small (docs/gallery.md "Dedicated indexes"). Each costs an extra graph insert for
 * every face of its scope, so operators declare them for the scopes that need them. Searches use a ready one
 * without being told.
 */
public interface DedicatedIndexes {

    /** The faces a dedicated index holds: the tenant's (site null) or one site's of the tenant, of one dimension. */
    record Scope(String tenantId, String site, int dims) {
    }

    /** building: CREATE INDEX CONCURRENTLY runs; ready: searches use it; failed: the build stopped (see the log). */
    enum State { BUILDING, READY, FAILED }

    /** One dedicated index and its size (faces, as of the last ANALYZE; 0 while building). */
    record DedicatedIndex(Scope scope, String name, State state, long faces) {
    }

    /**
     * Starts building the scope's index in the background and returns at once (BUILDING), or returns the
     * existing one; an index whose build failed is dropped and built again.
     */
    DedicatedIndex create(Scope scope);

    /** Every dedicated index, or the tenant's (tenantId not null). */
    List<DedicatedIndex> list(String tenantId);

    Optional<DedicatedIndex> find(Scope scope);

    /** Drops the scope's index (searches go back to the shared graph); false if there was none. */
    boolean drop(Scope scope);
}
