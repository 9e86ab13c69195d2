package dev.visage.batch.interfaces.rest;

import dev.visage.shared.interfaces.rest.BodyLimit;
import dev.visage.shared.interfaces.rest.BodyLimits;
import dev.visage.access.application.CallerContext;
import dev.visage.batch.application.BatchJobView;
import dev.visage.batch.application.BatchJobs;
import dev.visage.batch.application.InvalidBatchRequest;
import dev.visage.batch.application.ZipBatchService;
import dev.visage.shared.interfaces.rest.ProblemDetail;
import dev.visage.shared.interfaces.rest.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import dev.visage.shared.interfaces.rest.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The batch pipeline's API (camelCase, as its clients expect): ZIP uploads streamed straight
 * from the request into the object store (never buffered by the container), image lists,
 * status, queue statistics, cancel and a progress stream.
 */
@RequestScoped
@Path("api/batch")
@Tag(name = "Batches")
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    private static final Set<String> FIELDS = Set.of("projectId", "priority", "threads", "confidence", "webhookUrl",
            "webhookSecret");
    private static final int FIELD_MAX = 4096;
    private static final int SHOWN = 100;

    private final ZipBatchService zips;
    private final BatchJobs jobs;
    private final CallerContext caller;
    private final ProgressStreams streams;

    @Inject
    public BatchResource(ZipBatchService zips, BatchJobs jobs, CallerContext caller, ProgressStreams streams) {
        this.zips = zips;
        this.jobs = jobs;
        this.caller = caller;
        this.streams = streams;
    }

    /** For CDI proxies only. */
    protected BatchResource() {
        this(null, null, null, null);
    }

    @POST
    @Path("upload-zip")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @BodyLimit(BodyLimits.Kind.ARCHIVE)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "413 422")
    @Operation(operationId = "uploadBatchZip", summary = "Upload a ZIP (multipart: file, projectId = the faces' group, priority 0-9; optional threads, confidence, webhookUrl, webhookSecret): streamed to storage, extracted entry by entry; 202 {success, batchId, imageCount, queued, skipped}")
    public Response uploadZip(@HeaderParam("Content-Type") String contentType, @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
                    type = SchemaType.OBJECT, requiredProperties = {"file"},
                    properties = {@SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary"),
                    @SchemaProperty(name = "projectId", type = SchemaType.STRING),
                    @SchemaProperty(name = "priority", type = SchemaType.INTEGER),
                    @SchemaProperty(name = "threads", type = SchemaType.INTEGER),
                    @SchemaProperty(name = "confidence", type = SchemaType.NUMBER),
                    @SchemaProperty(name = "webhookUrl", type = SchemaType.STRING),
                    @SchemaProperty(name = "webhookSecret", type = SchemaType.STRING)})))
            InputStream body) throws IOException {
        String boundary = MultipartStream.boundary(contentType)
                .orElseThrow(() -> ProblemException.badRequest("Content-Type", "multipart/form-data with a boundary is required"));
        MultipartStream parts = new MultipartStream(body, boundary);
        Map<String, String> fields = new HashMap<>();
        ZipBatchService.StagedArchive staged = null;
        String fileName = null;
        try {
            for (Optional<MultipartStream.Part> next = parts.next(); next.isPresent(); next = parts.next()) {
                MultipartStream.Part part = next.get();
                if ("file".equals(part.name())) {
                    if (staged != null) {
                        throw ProblemException.badRequest("file", "one archive per upload");
                    }
                    fileName = part.fileName();
                    staged = zips.stage(caller.tenantId(), part.body());
                } else if (part.name() != null && FIELDS.contains(part.name())) {
                    fields.put(part.name(), part.text(FIELD_MAX).trim());
                }
            }
        } catch (ZipBatchService.ArchiveTooLarge e) {
            throw new ProblemException(413, "Content Too Large", "file: " + e.getMessage(),
                    List.of(new ProblemDetail.InvalidParam("file", e.getMessage())));
        } catch (MultipartStream.Malformed e) {
            discard(staged);
            throw ProblemException.badRequest("body", "malformed multipart body: " + e.getMessage());
        } catch (ProblemException e) {
            discard(staged);
            throw e;
        }
        if (staged == null) {
            throw ProblemException.badRequest("file", "multipart field 'file' (the ZIP archive) is required");
        }
        ZipBatchService.BatchSettings settings;
        try {
            settings = new ZipBatchService.BatchSettings(blankToNull(fields.get("projectId")), integer(fields, "priority"),
                    integer(fields, "threads"), decimal(fields, "confidence"), blankToNull(fields.get("webhookUrl")),
                    blankToNull(fields.get("webhookSecret")));
        } catch (ProblemException e) {
            discard(staged);
            throw e;
        }
        ZipBatchService.UploadResult result;
        try {
            result = zips.submit(caller.tenantId(), fileName, settings, staged);
        } catch (InvalidBatchRequest e) {
            throw BatchProblems.of(e);
        }
        if (result.job().status().equals("failed") && result.imageCount() == 0) {
            // Not an archive at all: the client's upload is at fault (the failed batch stays listed).
            throw ProblemException.unprocessable("file", result.job().error());
        }
        return Response.accepted(BatchDtos.Uploaded.of(result)).build();
    }

    @POST
    @Path("add-images")
    @Consumes(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "addBatchImages", summary = "Queue images as one batch: {projectId, priority, images: [{bucket, key} | {url}]} (objects of the caller's tenant, or http(s) URLs)")
    public Response addImages(BatchDtos.AddImages body) {
        if (body == null) {
            throw ProblemException.badRequest("body", "a JSON object is required");
        }
        List<ZipBatchService.ImageRef> images = body.images() == null ? null : body.images().stream()
                .map(i -> i == null ? null : new ZipBatchService.ImageRef(i.bucket(), i.key(), i.url())).toList();
        try {
            return Response.accepted(BatchDtos.Uploaded.of(zips.addImages(caller.tenantId(),
                    new ZipBatchService.BatchSettings(body.projectId(), body.priority(), body.threads(), body.confidence(),
                            body.webhookUrl(), body.webhookSecret()), images))).build();
        } catch (InvalidBatchRequest e) {
            throw BatchProblems.of(e);
        }
    }

    @GET
    @Path("status/{batchId}")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "getBatchStatus", summary = "A batch: status, progress{processed, total, failed}, progressPercent, and its first failures and skipped entries with reasons")
    public BatchDtos.Status status(@PathParam("batchId") String batchId) {
        BatchJobView job = find(batchId);
        List<BatchJobs.ItemProblem> failures = jobs.problems(caller.tenantId(), job.id(), Set.of("failed"), 1, SHOWN).items();
        List<BatchJobs.ItemProblem> skipped = jobs.problems(caller.tenantId(), job.id(), Set.of("skipped"), 1, SHOWN).items();
        return new BatchDtos.Status(true, BatchDtos.Batch.of(job, failures, skipped));
    }

    @GET
    @Path("status/{batchId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "streamBatchEvents", summary = "Server-Sent Events: 'progress' whenever the batch changes, then 'completed', 'failed' or 'cancelled'")
    public void events(@PathParam("batchId") String batchId, @Context SseEventSink sink, @Context Sse sse) {
        BatchJobView job = find(batchId);
        streams.open(caller.tenantId(), job.id(), sink, sse, j -> BatchDtos.Batch.of(j, null, null));
    }

    @POST
    @Path("{batchId}/cancel")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "cancelBatch", summary = "Cancel a batch: it ends as cancelled, its pending images are never processed")
    public BatchDtos.Status cancel(@PathParam("batchId") String batchId) {
        UUID id = BatchProblems.id(batchId, "batch");
        BatchJobView job = jobs.cancel(caller.tenantId(), id)
                .orElseThrow(() -> ProblemException.notFound("batch " + batchId + " not found"));
        return new BatchDtos.Status(true, BatchDtos.Batch.of(job, null, null));
    }

    @GET
    @Path("queue-stats")
    @Operation(operationId = "getBatchQueueStats", summary = "Per queue: active (processing on this instance), waiting, completed and failed images (the caller's tenant; admin keys: all)")
    public BatchDtos.QueueStats queueStats() {
        Map<String, BatchDtos.QueueCounts> stats = new LinkedHashMap<>();
        jobs.queueStats(caller.caller().reportScope().orElse(null)).forEach((queue, c) ->
                stats.put(queue, new BatchDtos.QueueCounts(c.active(), c.waiting(), c.completed(), c.failed())));
        return new BatchDtos.QueueStats(true, stats);
    }

    private BatchJobView find(String batchId) {
        UUID id = BatchProblems.id(batchId, "batch");
        return jobs.find(caller.tenantId(), id)
                .orElseThrow(() -> ProblemException.notFound("batch " + batchId + " not found"));
    }

    private void discard(ZipBatchService.StagedArchive staged) {
        if (staged != null) {
            zips.discard(staged);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Integer integer(Map<String, String> fields, String name) {
        String v = blankToNull(fields.get(name));
        try {
            return v == null ? null : Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw ProblemException.unprocessable(name, "must be an integer");
        }
    }

    private static Double decimal(Map<String, String> fields, String name) {
        String v = blankToNull(fields.get(name));
        try {
            return v == null ? null : Double.valueOf(v);
        } catch (NumberFormatException e) {
            throw ProblemException.unprocessable(name, "must be a number");
        }
    }
}
