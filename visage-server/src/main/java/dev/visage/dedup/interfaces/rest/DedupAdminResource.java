package dev.visage.dedup.interfaces.rest;

import dev.visage.dedup.application.DedupService;
import dev.visage.shared.interfaces.rest.AdminOnly;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Dedup cache administration: size and hit rates, and flush (the runbook's `make dedup-flush`). */
@RequestScoped
@Path("api/v1/admin/dedup")
@AdminOnly
@Tag(name = "Dedup")
@Produces(MediaType.APPLICATION_JSON)
public class DedupAdminResource {

    private final DedupService dedup;

    @Inject
    public DedupAdminResource(DedupService dedup) {
        this.dedup = dedup;
    }

    /** For CDI proxies only. */
    protected DedupAdminResource() {
        this(null);
    }

    public record Flushed(long removed) {
    }

    @GET
    @Path("stats")
    @Operation(operationId = "getDedupStats", summary = "Live entries, settings and hit counts, of one tenant (?tenant_id=) or all")
    public DedupService.DedupStats stats(@QueryParam("tenant_id") String tenantId) {
        return dedup.stats(tenant(tenantId));
    }

    @DELETE
    @Operation(operationId = "flushDedup", summary = "Forget remembered images and faces, of one tenant (?tenant_id=) or all")
    public Flushed flush(@QueryParam("tenant_id") String tenantId) {
        return new Flushed(dedup.flush(tenant(tenantId)));
    }

    private static Optional<String> tenant(String t) {
        return Optional.ofNullable(t).filter(s -> !s.isBlank());
    }
}
