package dev.visage.gallery.application;

import dev.visage.ingest.application.DedicatedIndexes.DedicatedIndex;
import java.util.List;

/**
 * Operators' dedicated search indexes (docs/gallery.md "Dedicated indexes"): a graph of its own for a tenant, or a
 * site of a tenant, in the vector size of the recogniser the tenant searches with unless told another.
 */
public interface SearchIndexes {

    /** Starts the build (or returns the index that exists); dims null: the tenant's recogniser's. */
    DedicatedIndex create(String tenantId, String site, Integer dims) throws GalleryException;

    List<DedicatedIndex> list(String tenantId);

    /** False when the scope has no dedicated index. */
    boolean drop(String tenantId, String site, Integer dims) throws GalleryException;
}
