package dev.visage.console.interfaces.rest;

import dev.visage.access.application.TenantIds;
import dev.visage.console.application.StatsBoard;
import dev.visage.shared.interfaces.rest.ProblemException;
import dev.visage.shared.interfaces.rest.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The face pipeline's counters per tenant and stage timings (guarded like the other console resources). */
@RequestScoped
@Path("console/api/stats")
@Public
@ConsoleApi
@Tag(name = "Admin console")
@SecurityRequirement(name = "consoleBasic")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleStatsResource {

    private final StatsBoard stats;

    @Inject
    public ConsoleStatsResource(StatsBoard stats) {
        this.stats = stats;
    }

    /** For CDI proxies only. */
    protected ConsoleStatsResource() {
        this(null);
    }

    @GET
    @Operation(operationId = "getConsoleStats", summary = "Global counters and stage timings (avg, p95), and every tenant's counters")
    public StatsBoard.StatsOverview board() {
        return stats.board();
    }

    @GET
    @Path("tenants/{tenant}")
    @Operation(operationId = "getConsoleTenantStats", summary = "One tenant's counters and stage timings (avg, p95)")
    public StatsBoard.ScopeStats tenant(@PathParam("tenant") String tenant) {
        if (!TenantIds.isValid(tenant)) {
            throw ProblemException.badRequest("tenant", "not a valid tenant id");
        }
        return stats.tenant(tenant);
    }
}
