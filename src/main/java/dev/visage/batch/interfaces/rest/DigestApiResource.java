package dev.visage.batch.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Digests under Visage's own API: the same behaviour as /digest and /get-digests. */
@RequestScoped
@Path("api/v1/digests")
@Tag(name = "Digests")
@Produces(MediaType.APPLICATION_JSON)
public class DigestApiResource {

    private final DigestEndpoints endpoints;

    @Inject
    public DigestApiResource(DigestEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    /** For CDI proxies only. */
    protected DigestApiResource() {
        this(null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a digest (as POST /digest)")
    public Response submit(DigestDto.DigestRequestDto body, @Context UriInfo uri) {
        return endpoints.submit(body, uri.getBaseUriBuilder().path("api/v1/digests/{id}"));
    }

    @GET
    @Operation(summary = "Digest jobs (as GET /get-digests)")
    public DigestDto.DigestList list(@QueryParam("status") List<String> status, @QueryParam("group_id") String groupId,
                                     @QueryParam("from") String from, @QueryParam("to") String to,
                                     @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize) {
        return endpoints.list(status, groupId, from, to, page, pageSize);
    }

    @GET
    @Path("{job_id}")
    @Operation(summary = "One digest (as GET /get-digests/{job_id})")
    public DigestDto detail(@PathParam("job_id") String jobId, @QueryParam("face_ids_page") Integer facePage,
                            @QueryParam("face_ids_page_size") Integer facePageSize) {
        return endpoints.detail(jobId, facePage, facePageSize);
    }

    @POST
    @Path("{job_id}/cancel")
    @Operation(summary = "Cancel a digest")
    public DigestDto cancel(@PathParam("job_id") String jobId) {
        return endpoints.cancel(jobId);
    }

    @GET
    @Path("{job_id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Progress as Server-Sent Events")
    public void events(@PathParam("job_id") String jobId, @Context SseEventSink sink, @Context Sse sse) {
        endpoints.events(jobId, sink, sse);
    }
}
