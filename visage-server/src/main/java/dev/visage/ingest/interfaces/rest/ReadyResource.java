package dev.visage.ingest.interfaces.rest;

import dev.visage.dedup.application.DedupService;
import dev.visage.shared.interfaces.rest.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The runbook's readiness document, {@code {ready, reason, checks:{models, storage,
 * vector_db, queue, dedup_cache}}}, each "healthy" or "unhealthy"; 503 when not ready.
 * It reuses the MicroProfile readiness checks (models, storage, database, broker) and
 * probes the dedup tables. Public, like /health.
 */
@RequestScoped
@Path("ready")
@Public
@Tag(name = "Health")
@Produces(MediaType.APPLICATION_JSON)
public class ReadyResource {

    /** Runbook check → MicroProfile health check name. */
    private static final Map<String, String> CHECKS = Map.of("models", "models", "storage", "storage",
            "vector_db", "database", "queue", "broker");

    private final Instance<HealthCheck> readiness;
    private final DedupService dedup;

    @Inject
    public ReadyResource(@Readiness @Any Instance<HealthCheck> readiness, DedupService dedup) {
        this.readiness = readiness;
        this.dedup = dedup;
    }

    /** For CDI proxies only. */
    protected ReadyResource() {
        this.readiness = null;
        this.dedup = null;
    }

    public record Ready(boolean ready, String reason, Map<String, String> checks) {
    }

    @GET
    @SecurityRequirementsSet({}) // public: no API key, so no 401/403 either
    @Operation(operationId = "getReadiness", summary = "Readiness in the face-pipeline runbook's shape (public)")
    public Response ready() {
        Map<String, HealthCheckResponse> byName = new LinkedHashMap<>();
        for (HealthCheck check : readiness) {
            HealthCheckResponse r = check.call();
            byName.put(r.getName(), r);
        }
        Map<String, String> checks = new LinkedHashMap<>();
        StringBuilder reasons = new StringBuilder();
        for (String name : new String[] {"models", "storage", "vector_db", "queue"}) {
            HealthCheckResponse r = byName.get(CHECKS.get(name));
            boolean up = r != null && r.getStatus() == HealthCheckResponse.Status.UP;
            checks.put(name, up ? "healthy" : "unhealthy");
            if (!up) {
                String error = r == null ? "no check" : r.getData().map(d -> String.valueOf(d.getOrDefault("error", "down")))
                        .orElse("down");
                reasons.append(reasons.length() == 0 ? "" : "; ").append(name).append(": ").append(error);
            }
        }
        try {
            dedup.probe();
            checks.put("dedup_cache", "healthy");
        } catch (RuntimeException e) {
            checks.put("dedup_cache", "unhealthy");
            reasons.append(reasons.length() == 0 ? "" : "; ").append("dedup_cache: ").append(e.getMessage());
        }
        boolean ready = reasons.length() == 0;
        return Response.status(ready ? 200 : 503).entity(new Ready(ready, ready ? "ok" : reasons.toString(), checks)).build();
    }
}
