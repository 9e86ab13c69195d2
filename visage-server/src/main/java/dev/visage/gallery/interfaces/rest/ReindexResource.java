package dev.visage.gallery.interfaces.rest;

import dev.visage.access.application.CallerContext;
import dev.visage.gallery.application.GalleryException;
import dev.visage.gallery.application.Reindexing;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import dev.visage.shared.interfaces.rest.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Re-index the caller's tenant with another recogniser: 202 with the job at once; search keeps serving
 * the old vectors until the job switches them all in one transaction.
 */
@RequestScoped
@Path("api/v1/gallery/reindex")
@Tag(name = "Gallery")
@Produces(MediaType.APPLICATION_JSON)
public class ReindexResource {

    private final Reindexing reindexing;
    private final CallerContext caller;

    @Inject
    public ReindexResource(Reindexing reindexing, CallerContext caller) {
        this.reindexing = reindexing;
        this.caller = caller;
    }

    /** For CDI proxies only. */
    protected ReindexResource() {
        this(null, null);
    }

    /** {@code auto_switch} (default true): false stops at status ready until POST .../switch. */
    public record ReindexRequest(String model, Boolean autoSwitch) {
    }

    public record ReindexJobs(List<Reindexing.Job> jobs) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "409 422")
    @Operation(operationId = "startReindex", summary = "ReindexRequest re-embedding the tenant's faces with another recogniser {model: faceapi|faceres|mobileface, auto_switch}")
    public Response start(ReindexRequest body) {
        try {
            Reindexing.Job job = reindexing.start(caller.tenantId(), body == null ? null : body.model(),
                    body == null || body.autoSwitch() == null || body.autoSwitch());
            return Response.accepted(job).header("Location", "/api/v1/gallery/reindex/" + job.id()).build();
        } catch (GalleryException e) {
            throw GalleryProblems.of(e);
        }
    }

    @GET
    @Operation(operationId = "listReindexes", summary = "The tenant's re-index jobs, newest first")
    public ReindexJobs list() {
        return new ReindexJobs(reindexing.list(caller.tenantId()));
    }

    @GET
    @Path("{id}")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "getReindex", summary = "A re-index job: status, faces total/embedded/failed/switched")
    public Reindexing.Job get(@PathParam("id") String id) {
        try {
            return reindexing.get(caller.tenantId(), uuid(id));
        } catch (GalleryException e) {
            throw GalleryProblems.of(e);
        }
    }

    @POST
    @Path("{id}/switch")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404 409")
    @Operation(operationId = "switchReindex", summary = "Switch a job that is ready (auto_switch false): search moves to the new vectors at once")
    public Response switchNow(@PathParam("id") String id) {
        try {
            return Response.accepted(reindexing.switchNow(caller.tenantId(), uuid(id))).build();
        } catch (GalleryException e) {
            throw GalleryProblems.of(e);
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw dev.visage.shared.interfaces.rest.ProblemException.notFound("no such re-index job: " + id);
        }
    }
}
