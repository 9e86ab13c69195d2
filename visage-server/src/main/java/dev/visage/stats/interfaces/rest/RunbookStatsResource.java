package dev.visage.stats.interfaces.rest;

import dev.visage.access.application.CallerContext;
import dev.visage.stats.application.PipelineStats;
import dev.visage.stats.application.StatsSnapshot;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The runbook's {@code /stats}: the same document as /api/v1/stats, with the same API keys. */
@RequestScoped
@Path("stats")
@Tag(name = "Stats")
@Produces(MediaType.APPLICATION_JSON)
public class RunbookStatsResource {

    private final PipelineStats stats;
    private final CallerContext caller;

    @Inject
    public RunbookStatsResource(PipelineStats stats, CallerContext caller) {
        this.stats = stats;
        this.caller = caller;
    }

    /** For CDI proxies only. */
    protected RunbookStatsResource() {
        this(null, null);
    }

    @GET
    @Operation(operationId = "getStatsLegacy", summary = "The runbook's /stats: counters and timings_ms, as GET /api/v1/stats")
    public StatsSnapshot stats(@HeaderParam("X-Tenant-ID") String tenantHeader) {
        // tenantHeader documents the header in the OpenAPI document; the API-key filter has read it
        return stats.snapshot(caller.caller().reportScope());
    }
}
