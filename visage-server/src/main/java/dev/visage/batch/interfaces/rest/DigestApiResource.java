package dev.visage.batch.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import dev.visage.shared.interfaces.rest.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Digests under Visage's own API: GET routes inherited from {@link GetDigestsResource} (the same
 * behaviour as /get-digests), plus submit (as POST /digest) and cancel.
 */
@RequestScoped
@Path("api/v1/digests")
@Tag(name = "Digests")
@Produces(MediaType.APPLICATION_JSON)
public class DigestApiResource extends GetDigestsResource {

    @Inject
    public DigestApiResource(DigestEndpoints endpoints) {
        super(endpoints);
    }

    /** For CDI proxies only. */
    protected DigestApiResource() {
        super();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "submitDigest", summary = "Start a digest (as POST /digest)")
    public Response submit(DigestDto.DigestRequestDto body, @Context UriInfo uri) {
        return endpoints.submit(body, uri.getBaseUriBuilder().path("api/v1/digests/{id}"));
    }

    @POST
    @Path("{job_id}/cancel")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "cancelDigest", summary = "Cancel a digest")
    public DigestDto cancel(@PathParam("job_id") String jobId) {
        return endpoints.cancel(jobId);
    }
}
