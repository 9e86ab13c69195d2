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

/** The digest service's POST /digest (same body, same 202 {job_id}), with the same API keys as every route. */
@RequestScoped
@Path("digest")
@Tag(name = "Digests")
@Produces(MediaType.APPLICATION_JSON)
public class DigestResource {

    private final DigestEndpoints endpoints;

    @Inject
    public DigestResource(DigestEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** For CDI proxies only. */
    protected DigestResource() {
        this(null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "submitDigestLegacy", summary = "Digest a folder (local_dir_path, under a configured root) or an S3 prefix (s3_bucket + s3_prefix) into group_id: 202 {job_id, ...} at once")
    public Response submit(DigestDto.DigestRequestDto body, @Context UriInfo uri) {
        return endpoints.submit(body, uri.getBaseUriBuilder().path("get-digests/{id}"));
    }

    @POST
    @Path("{job_id}/cancel")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "cancelDigestLegacy", summary = "Cancel a digest: it ends as cancelled, its pending images are never processed")
    public DigestDto cancel(@PathParam("job_id") String jobId) {
        return endpoints.cancel(jobId);
    }
}
