package dev.visage.gallery.application.internal;

import dev.visage.gallery.application.GalleryException;
import dev.visage.gallery.application.SearchIndexes;
import dev.visage.ingest.application.DedicatedIndexes;
import dev.visage.ingest.application.DedicatedIndexes.DedicatedIndex;
import dev.visage.ingest.application.DedicatedIndexes.Scope;
import dev.visage.ingest.application.StoredFaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Validates the scope and delegates to ingest, which owns the faces table and its indexes. */
@ApplicationScoped
public class DefaultSearchIndexes implements SearchIndexes {

    private final DedicatedIndexes indexes;
    private final TenantModels models;

    @Inject
    public DefaultSearchIndexes(DedicatedIndexes indexes, TenantModels models) {
        this.indexes = indexes;
        this.models = models;
    }

    /** For CDI proxies only. */
    protected DefaultSearchIndexes() {
        this(null, null);
    }

    @Override
    public DedicatedIndex create(String tenantId, String site, Integer dims) throws GalleryException {
        return indexes.create(scope(tenantId, site, dims));
    }

    @Override
    public List<DedicatedIndex> list(String tenantId) {
        return indexes.list(tenantId == null || tenantId.isBlank() ? null : tenantId);
    }

    @Override
    public boolean drop(String tenantId, String site, Integer dims) throws GalleryException {
        return indexes.drop(scope(tenantId, site, dims));
    }

    private Scope scope(String tenantId, String site, Integer dims) throws GalleryException {
        if (tenantId == null || tenantId.isBlank()) {
            throw GalleryException.invalid("tenant_id", "the tenant whose faces the index holds is required");
        }
        if (site != null && site.isBlank()) {
            throw GalleryException.invalid("site", "leave site out for the whole tenant, or name one");
        }
        int d = dims == null ? models.current(tenantId).dimensions() : dims;
        if (!StoredFaces.INDEXED_DIMENSIONS.contains(d)) {
            throw GalleryException.invalid("dims", "one of " + StoredFaces.INDEXED_DIMENSIONS);
        }
        return new Scope(tenantId, site, d);
    }
}
