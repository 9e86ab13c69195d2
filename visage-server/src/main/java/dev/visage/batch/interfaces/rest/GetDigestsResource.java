package dev.visage.batch.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import dev.visage.shared.interfaces.rest.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The digest service's GET /get-digests and /get-digests/{job_id}, plus a progress stream. */
@RequestScoped
@Path("get-digests")
@Tag(name = "Digests")
@Produces(MediaType.APPLICATION_JSON)
public class GetDigestsResource {

    /** Shared with {@link DigestApiResource}, which serves these routes under /api/v1/digests. */
    protected final DigestEndpoints endpoints;

    @Inject
    public GetDigestsResource(DigestEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** For CDI proxies only. */
    protected GetDigestsResource() {
        this(null);
    }

    @GET
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "listDigests", summary = "Digest jobs of the caller's tenant, newest first: filters status (repeat or comma-separate), group_id, from/to (created, ISO-8601); page, page_size")
    public DigestDto.DigestList list(@QueryParam("status") List<String> status, @QueryParam("group_id") String groupId,
                                     @QueryParam("from") String from, @QueryParam("to") String to,
                                     @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize) {
        return endpoints.list(status, groupId, from, to, page, pageSize);
    }

    @GET
    @Path("{job_id}")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404 422")
    @Operation(operationId = "getDigest", summary = "One digest with its errors and a page of its upserted face ids (face_ids_page, face_ids_page_size); 404 when unknown")
    public DigestDto detail(@PathParam("job_id") String jobId, @QueryParam("face_ids_page") Integer facePage,
                            @QueryParam("face_ids_page_size") Integer facePageSize) {
        return endpoints.detail(jobId, facePage, facePageSize);
    }

    @GET
    @Path("{job_id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "streamDigestEvents", summary = "Server-Sent Events: 'progress' with the job's JSON whenever it changes, then 'completed', 'failed' or 'cancelled'")
    public void events(@PathParam("job_id") String jobId, @Context SseEventSink sink, @Context Sse sse) {
        endpoints.events(jobId, sink, sse);
    }
}
