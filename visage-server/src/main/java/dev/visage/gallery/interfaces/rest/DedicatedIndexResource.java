package dev.visage.gallery.interfaces.rest;

import dev.visage.gallery.application.GalleryException;
import dev.visage.gallery.application.SearchIndexes;
import dev.visage.ingest.application.DedicatedIndexes.DedicatedIndex;
import dev.visage.shared.interfaces.rest.AdminOnly;
import dev.visage.shared.interfaces.rest.ProblemException;
import dev.visage.shared.interfaces.rest.ProblemResponsesFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Dedicated search indexes (docs/gallery.md "Dedicated indexes"): an HNSW graph of its own for a tenant, or for one
 * site of a tenant, which searches of that scope then use by themselves. Built in the background: 202 at once,
 * {@code state} building until ready.
 */
@RequestScoped
@Path("api/v1/admin/search-indexes")
@AdminOnly
@Tag(name = "Gallery")
@Produces(MediaType.APPLICATION_JSON)
public class DedicatedIndexResource {

    private final SearchIndexes indexes;

    @Inject
    public DedicatedIndexResource(SearchIndexes indexes) {
        this.indexes = indexes;
    }

    /** For CDI proxies only. */
    protected DedicatedIndexResource() {
        this(null);
    }

    /** {@code site} absent: the whole tenant; {@code dims} absent: the vector size of the tenant's recogniser. */
    public record IndexRequest(String tenantId, String site, Integer dims) {
    }

    public record IndexDto(String tenantId, String site, int dims, String name, String state, long faces) {
        static IndexDto of(DedicatedIndex i) {
            return new IndexDto(i.scope().tenantId(), i.scope().site(), i.scope().dims(), i.name(),
                    i.state().name().toLowerCase(Locale.ROOT), i.faces());
        }
    }

    public record IndexList(List<IndexDto> indexes) {
    }

    @GET
    @Operation(operationId = "listSearchIndexes", summary = "Dedicated search indexes, of one tenant (?tenant_id=) or all,"
            + " with state (building, ready, failed) and faces")
    public IndexList list(@QueryParam("tenant_id") String tenantId) {
        return new IndexList(indexes.list(tenantId).stream().map(IndexDto::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "400")
    @Operation(operationId = "createSearchIndex", summary = "Builds an HNSW index of its own for {tenant_id, site?, dims?}"
            + " in the background (202); searches of that tenant (and site) use it once ready")
    public Response create(IndexRequest body) {
        try {
            DedicatedIndex index = body == null ? indexes.create(null, null, null)
                    : indexes.create(body.tenantId(), body.site(), body.dims());
            return Response.status(Response.Status.ACCEPTED).entity(IndexDto.of(index)).build();
        } catch (GalleryException e) {
            throw GalleryProblems.of(e);
        }
    }

    @DELETE
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "400 404")
    @Operation(operationId = "dropSearchIndex", summary = "Drops the dedicated index of ?tenant_id=&site=&dims= (searches"
            + " go back to the shared graph)")
    public Response drop(@QueryParam("tenant_id") String tenantId, @QueryParam("site") String site,
                         @QueryParam("dims") Integer dims) {
        try {
            if (!indexes.drop(tenantId, site, dims)) {
                throw ProblemException.notFound("no dedicated index for tenant " + tenantId
                        + (site == null ? "" : ", site " + site));
            }
            return Response.noContent().build();
        } catch (GalleryException e) {
            throw GalleryProblems.of(e);
        }
    }
}
