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

/**
 * Face-pipeline counters and stage timings in the runbook's shape. A tenant key sees its
 * tenant; an admin key sees the global figures unless it names a tenant with X-Tenant-ID.
 */
@RequestScoped
@Path("api/v1/stats")
@Tag(name = "Stats")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final PipelineStats stats;
    private final CallerContext caller;

    @Inject
    public StatsResource(PipelineStats stats, CallerContext caller) {
        this.stats = stats;
        this.caller = caller;
    }

    /** For CDI proxies only. */
    protected StatsResource() {
        this(null, null);
    }

    @GET
    @Operation(operationId = "getStats", summary = "Counters and per-stage timings (count, total, avg, p95 in ms) of the caller's tenant, or global for an admin key without X-Tenant-ID")
    public StatsSnapshot stats(@HeaderParam("X-Tenant-ID") String tenantHeader) {
        // tenantHeader documents the header in the OpenAPI document; the API-key filter has read it
        return stats.snapshot(caller.caller().reportScope());
    }
}
