package dev.visage.console.interfaces.rest;

import dev.visage.ingest.application.ImageJobQueries;
import dev.visage.ingest.application.JobView;
import dev.visage.shared.interfaces.rest.ProblemException;
import dev.visage.shared.interfaces.rest.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import dev.visage.shared.interfaces.rest.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Image jobs of every tenant for operators (guarded like {@link ConsoleOverviewResource}). */
@RequestScoped
@Path("console/api/jobs")
@Public
@ConsoleApi
@Tag(name = "Admin console")
@SecurityRequirement(name = "consoleBasic")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleJobResource {

    static final Duration THROUGHPUT_WINDOW = Duration.ofHours(1);

    private final ImageJobQueries jobs;

    @Inject
    public ConsoleJobResource(ImageJobQueries jobs) {
        this.jobs = jobs;
    }

    /** For CDI proxies only. */
    protected ConsoleJobResource() {
        this(null);
    }

    public record JobDto(String id, String tenantId, String status, String failureReason, int attempts,
                         String source, Image image, Instant createdAt, Instant startedAt, Instant finishedAt,
                         Long durationMs) {

        public record Image(String sha256, Integer width, Integer height, String phash, String format, Long sizeBytes) {
        }

        static JobDto of(JobView v) {
            String source = v.sourceUrl() != null ? v.sourceUrl() : v.sourceBucket() + "/" + v.sourceKey();
            Image image = v.sha256() == null ? null
                    : new Image(v.sha256(), v.width(), v.height(), v.phash(), v.format(), v.sizeBytes());
            Long duration = v.startedAt() != null && v.finishedAt() != null
                    ? Duration.between(v.startedAt(), v.finishedAt()).toMillis() : null;
            return new JobDto(v.id().toString(), v.tenantId(), v.status(), v.failureReason(), v.attempts(), source,
                    image, v.createdAt(), v.startedAt(), v.finishedAt(), duration);
        }
    }

    public record JobListDto(List<JobDto> items, long total, int limit, int offset) {
    }

    public record SummaryDto(Map<String, Long> byStatus, int windowMinutes, List<ImageJobQueries.MinuteCount> perMinute) {
    }

    @GET
    @Operation(operationId = "listConsoleJobs", summary = "Image jobs of every tenant, newest first; filter by status (repeat or comma-separate) and tenant")
    public JobListDto list(@QueryParam("status") List<String> status, @QueryParam("tenant") String tenant,
                           @QueryParam("limit") @DefaultValue("50") int limit,
                           @QueryParam("offset") @DefaultValue("0") int offset) {
        Set<String> statuses = ConsoleParams.oneOfEach(status, ImageJobQueries.STATUSES, "status");
        String tenantId = ConsoleParams.tenant(tenant);
        ConsoleParams.page(limit, offset);
        ImageJobQueries.JobList page = jobs.list(new ImageJobQueries.JobQuery(statuses, tenantId, limit, offset));
        return new JobListDto(page.items().stream().map(JobDto::of).toList(), page.total(), limit, offset);
    }

    @GET
    @Path("summary")
    @Operation(operationId = "getConsoleJobSummary", summary = "Jobs per status, and jobs completed and failed per minute over the last hour")
    public SummaryDto summary() {
        return new SummaryDto(jobs.countByStatus(), (int) THROUGHPUT_WINDOW.toMinutes(),
                jobs.finishedPerMinute(THROUGHPUT_WINDOW));
    }

    @GET
    @Path("{id}")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "getConsoleJob", summary = "One image job of any tenant, with its failure reason")
    public JobDto job(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("id", "not a UUID");
        }
        return jobs.find(uuid).map(JobDto::of).orElseThrow(() -> ProblemException.notFound("no job " + id));
    }
}
