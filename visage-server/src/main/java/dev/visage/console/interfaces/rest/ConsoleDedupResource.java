package dev.visage.console.interfaces.rest;

import dev.visage.access.application.TenantIds;
import dev.visage.console.application.DedupMonitor;
import dev.visage.shared.interfaces.rest.ProblemException;
import dev.visage.shared.interfaces.rest.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The dedup cache: size, hit rates, flush (guarded like the other console resources). */
@RequestScoped
@Path("console/api/dedup")
@Public
@ConsoleApi
@Tag(name = "Admin console")
@SecurityRequirement(name = "consoleBasic")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleDedupResource {

    private final DedupMonitor dedup;

    @Inject
    public ConsoleDedupResource(DedupMonitor dedup) {
        this.dedup = dedup;
    }

    /** For CDI proxies only. */
    protected ConsoleDedupResource() {
        this(null);
    }

    public record DedupFlushed(String scope, long removed) {
    }

    @GET
    @Operation(operationId = "getConsoleDedup", summary = "Dedup settings, live entries and hit rates, in all and per tenant")
    public DedupMonitor.DedupOverview board() {
        return dedup.board();
    }

    @DELETE
    @Operation(operationId = "flushConsoleDedup", summary = "Forget remembered images and faces and their hit counts: of one tenant (?tenant=), else all")
    public DedupFlushed flush(@QueryParam("tenant") String tenant) {
        Optional<String> scope = Optional.ofNullable(tenant).filter(t -> !t.isBlank());
        if (scope.isPresent() && !TenantIds.isValid(scope.get())) {
            throw ProblemException.badRequest("tenant", "not a valid tenant id");
        }
        return new DedupFlushed(scope.orElse("all"), dedup.flush(scope));
    }
}
