package dev.visage.console.interfaces.rest;

import dev.visage.batch.application.BatchJobIds;
import dev.visage.batch.application.BatchJobView;
import dev.visage.batch.application.BatchJobs;
import dev.visage.batch.application.BatchOversight;
import dev.visage.shared.interfaces.rest.ProblemException;
import dev.visage.shared.interfaces.rest.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import dev.visage.shared.interfaces.rest.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Digests, ZIP batches and image lists (the batch context) of every tenant for operators:
 * filtered lists, one job's per-image outcomes, cancel. Guarded like {@link ConsoleJobResource}.
 */
@RequestScoped
@Path("console/api/batches")
@Public
@ConsoleApi
@Tag(name = "Admin console")
@SecurityRequirement(name = "consoleBasic")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleBatchResource {

    private final BatchOversight batches;

    @Inject
    public ConsoleBatchResource(BatchOversight batches) {
        this.batches = batches;
    }

    /** For CDI proxies only. */
    protected ConsoleBatchResource() {
        this(null);
    }

    /**
     * @param id        as the tenant knows it: {@code digest-<uuid>} for digests, the bare UUID otherwise
     * @param groupId   a digest's group_id, a ZIP batch's projectId
     * @param progress  0-100
     */
    public record BatchJobDto(String id, String tenantId, String kind, String status, String groupId, String sourceType,
                              String source, int imagesTotal, int processed, int failed, int skipped,
                              int facesDetected, int facesProcessed, int progress, boolean enumerated, int threads,
                              int priority, double confidence, String error, boolean webhook, Instant createdAt,
                              Instant startedAt, Instant finishedAt, Long durationMs) {

        static BatchJobDto of(BatchJobView v) {
            Long duration = v.startedAt() != null && v.finishedAt() != null
                    ? Duration.between(v.startedAt(), v.finishedAt()).toMillis() : null;
            return new BatchJobDto(BatchJobIds.wire(v), v.tenantId(), v.kind(), v.status(), v.groupId(), v.sourceType(),
                    v.source(), v.imagesTotal(), v.processed(), v.failed(), v.skipped(), v.facesDetected(),
                    v.facesProcessed(), v.progress(), v.enumerated(), v.threads(), v.priority(), v.confidence(), v.error(),
                    v.webhook(), v.createdAt(), v.startedAt(), v.finishedAt(), duration);
        }
    }

    /** @param byStatus jobs per status under the other filters (for the status filter's counts) */
    public record BatchJobListDto(List<BatchJobDto> items, long total, int limit, int offset, Map<String, Long> byStatus) {
    }

    /** @param itemCounts the job's images and skipped entries per outcome */
    public record BatchJobDetailDto(BatchJobDto job, Map<String, Long> itemCounts) {
    }

    public record BatchItemDto(String path, String status, String reason, Integer facesDetected, Integer facesStored,
                               Instant finishedAt, List<String> warnings) {

        static BatchItemDto of(BatchOversight.ItemOutcome o) {
            return new BatchItemDto(o.imagePath(), o.status(), o.reason(), o.facesDetected(), o.facesStored(),
                    o.finishedAt(), o.warnings());
        }
    }

    public record BatchItemListDto(List<BatchItemDto> items, long total, int limit, int offset) {
    }

    @GET
    @Operation(operationId = "listConsoleBatches", summary = "Digests, ZIP batches and image lists of every tenant, newest first; filter by status (repeat"
            + " or comma-separate), tenant, kind (digest, zip, images), source (local, s3, zip, objects) and group")
    public BatchJobListDto list(@QueryParam("status") List<String> status, @QueryParam("tenant") String tenant,
                                @QueryParam("kind") String kind, @QueryParam("source") String source,
                                @QueryParam("group") String group,
                                @QueryParam("limit") @DefaultValue("50") int limit,
                                @QueryParam("offset") @DefaultValue("0") int offset) {
        BatchOversight.JobFilter filter = new BatchOversight.JobFilter(ConsoleParams.tenant(tenant),
                ConsoleParams.oneOf(kind, BatchOversight.KINDS, "kind"),
                ConsoleParams.oneOf(source, BatchOversight.SOURCE_TYPES, "source"),
                ConsoleParams.oneOfEach(status, BatchJobs.STATUSES, "status"), ConsoleParams.blankToNull(group));
        ConsoleParams.page(limit, offset);
        BatchOversight.Slice<BatchJobView> page = batches.search(filter, limit, offset);
        return new BatchJobListDto(page.items().stream().map(BatchJobDto::of).toList(), page.total(), limit, offset,
                batches.countByStatus(filter));
    }

    @GET
    @Path("{id}")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "getConsoleBatch", summary = "One batch job of any tenant with its images per outcome (pending, done, failed, skipped, cancelled)")
    public BatchJobDetailDto job(@PathParam("id") String id) {
        UUID uuid = id(id);
        BatchJobView job = batches.find(uuid).orElseThrow(() -> notFound(id));
        return new BatchJobDetailDto(BatchJobDto.of(job), batches.itemCounts(uuid));
    }

    @GET
    @Path("{id}/items")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "listConsoleBatchItems", summary = "One batch job's images and skipped entries in the order they were found, with each outcome"
            + " and its reason; filter by status (repeat or comma-separate)")
    public BatchItemListDto items(@PathParam("id") String id, @QueryParam("status") List<String> status,
                                  @QueryParam("limit") @DefaultValue("50") int limit,
                                  @QueryParam("offset") @DefaultValue("0") int offset) {
        UUID uuid = id(id);
        var statuses = ConsoleParams.oneOfEach(status, BatchOversight.ITEM_STATUSES, "status");
        ConsoleParams.page(limit, offset);
        if (batches.find(uuid).isEmpty()) {
            throw notFound(id);
        }
        BatchOversight.Slice<BatchOversight.ItemOutcome> page = batches.items(uuid, statuses, limit, offset);
        return new BatchItemListDto(page.items().stream().map(BatchItemDto::of).toList(), page.total(), limit, offset);
    }

    @POST
    @Path("{id}/cancel")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404 409")
    @Operation(operationId = "cancelConsoleBatch", summary = "Cancel a queued or processing batch job of any tenant (as its tenant's own cancel does);"
            + " 409 when it has already ended")
    public BatchJobDto cancel(@PathParam("id") String id) {
        BatchOversight.Cancellation result = batches.cancel(id(id));
        return switch (result.outcome()) {
            case CANCELLED -> BatchJobDto.of(result.job());
            case ALREADY_ENDED -> throw new ProblemException(409, "Conflict", "job " + id + " has already ended ("
                    + result.job().status() + "): only queued or processing jobs can be cancelled");
            case NOT_FOUND -> throw notFound(id);
        };
    }

    private static UUID id(String id) {
        return BatchJobIds.parse(id).orElseThrow(() -> notFound(id));
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("no batch job " + id);
    }
}
