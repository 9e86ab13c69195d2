package dev.visage.stats.interfaces.rest;

import dev.visage.stats.application.PipelineStats;
import dev.visage.shared.interfaces.rest.AdminOnly;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Resets the persisted counters and timings. */
@RequestScoped
@Path("api/v1/admin/stats")
@AdminOnly
@Tag(name = "Stats")
public class StatsAdminResource {

    private final PipelineStats stats;

    @Inject
    public StatsAdminResource(PipelineStats stats) {
        this.stats = stats;
    }

    /** For CDI proxies only. */
    protected StatsAdminResource() {
        this(null);
    }

    @DELETE
    @Operation(operationId = "resetStats", summary = "Reset the counters and timings: of one tenant (?tenant_id=; the global figures keep their totals), else all of them")
    public Response reset(@QueryParam("tenant_id") String tenantId) {
        stats.reset(Optional.ofNullable(tenantId).filter(t -> !t.isBlank()));
        return Response.noContent().build();
    }
}
