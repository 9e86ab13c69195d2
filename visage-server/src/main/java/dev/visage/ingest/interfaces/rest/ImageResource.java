package dev.visage.ingest.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import dev.visage.access.application.CallerContext;
import dev.visage.ingest.application.ImageJobService;
import dev.visage.ingest.application.JobView;
import dev.visage.shared.interfaces.rest.ProblemDetail;
import dev.visage.shared.interfaces.rest.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import dev.visage.shared.interfaces.rest.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Accepts images as asynchronous jobs: 202 with the job and its Location at once; the
 * work happens on the image queue.
 */
@RequestScoped
@Path("api/v1")
@Tag(name = "Images and jobs")
@Produces(MediaType.APPLICATION_JSON)
public class ImageResource {

    private final ImageJobService jobs;
    private final CallerContext caller;

    @Context
    UriInfo uriInfo;

    @Inject
    public ImageResource(ImageJobService jobs, CallerContext caller) {
        this.jobs = jobs;
        this.caller = caller;
    }

    /** For CDI proxies only. */
    protected ImageResource() {
        this(null, null);
    }

    /** JSON body: exactly one of {@code url} or {@code bucket}+{@code key}. */
    public record ImageReference(String url, String bucket, String key) {
    }

    @POST
    @Path("images")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @APIResponse(responseCode = "202", description = "Accepted: the job, also at its Location", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobDto.class)))
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "submitImage", summary = "Upload an image (multipart field 'file') for processing")
    public Response upload(@RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
                    type = SchemaType.OBJECT, requiredProperties = {"file"},
                    properties = {@SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary")})))
            List<EntityPart> parts) throws IOException {
        Optional<EntityPart> file = parts == null ? Optional.empty()
                : parts.stream().filter(p -> "file".equals(p.getName())).findFirst();
        if (file.isEmpty()) {
            throw ProblemException.badRequest("file", "multipart field 'file' is required");
        }
        EntityPart part = file.get();
        String type = part.getMediaType() == null ? null : part.getMediaType().toString();
        try (InputStream content = part.getContent()) {
            return accepted(jobs.submitUpload(caller.tenantId(), content, type));
        }
    }

    @POST
    @Path("images")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue an image by URL ({url}) or by stored object ({bucket, key})")
    public Response reference(ImageReference ref) {
        if (ref == null) {
            throw ProblemException.badRequest("body", "a JSON object with url, or bucket and key, is required");
        }
        boolean hasUrl = ref.url() != null && !ref.url().isBlank();
        boolean hasObject = ref.bucket() != null || ref.key() != null;
        if (hasUrl == hasObject) {
            throw new ProblemException(422, "Unprocessable Content", "give exactly one of url, or bucket and key",
                    List.of(new ProblemDetail.InvalidParam("url", "exactly one of url or bucket+key"),
                            new ProblemDetail.InvalidParam("bucket", "exactly one of url or bucket+key")));
        }
        if (hasUrl) {
            String scheme = URI.create(ref.url().trim().replace(" ", "%20")).getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw ProblemException.unprocessable("url", "must be an http or https URL");
            }
            return accepted(jobs.submitUrl(caller.tenantId(), ref.url().trim()));
        }
        if (ref.bucket() == null || ref.bucket().isBlank()) {
            throw ProblemException.unprocessable("bucket", "required with key");
        }
        if (ref.key() == null || ref.key().isBlank()) {
            throw ProblemException.unprocessable("key", "required with bucket");
        }
        return accepted(jobs.submitObject(caller.tenantId(), ref.bucket(), ref.key()));
    }

    @GET
    @Path("jobs/{id}")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "getJob", summary = "A job's state: queued, processing, completed (with image facts) or failed (with reason)")
    public JobDto job(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("id", "not a UUID");
        }
        return jobs.find(caller.tenantId(), uuid).map(JobDto::of)
                .orElseThrow(() -> ProblemException.notFound("no job " + id + " for this tenant"));
    }

    private Response accepted(JobView job) {
        URI location = uriInfo.getBaseUriBuilder().path("api/v1/jobs").path(job.id().toString()).build();
        return Response.accepted(JobDto.of(job)).location(location).build();
    }
}
