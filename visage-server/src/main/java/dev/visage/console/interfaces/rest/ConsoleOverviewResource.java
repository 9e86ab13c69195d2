package dev.visage.console.interfaces.rest;

import dev.visage.console.application.OverviewService;
import dev.visage.console.application.QueueMonitor;
import dev.visage.console.application.QueueView;
import dev.visage.console.application.ThroughputService;
import dev.visage.console.interfaces.web.ConsoleAdmin;
import dev.visage.console.interfaces.web.ConsoleAuthFilter;
import dev.visage.shared.interfaces.rest.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The console's JSON API: who is signed in, readiness and counters, throughput, queues. Public to the
 * API-key filter: {@code /console/*} has its own sign-in (session cookie, or HTTP Basic
 * with user {@code admin} and an admin key as password), enforced by the console filter.
 */
@RequestScoped
@Path("console/api")
@Public
@ConsoleApi
@Tag(name = "Admin console")
@SecurityScheme(securitySchemeName = "consoleBasic", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "user 'admin', password an admin API key (or the console's session cookie)")
@SecurityRequirement(name = "consoleBasic")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleOverviewResource {

    static final Duration THROUGHPUT_WINDOW = Duration.ofHours(1);

    private final OverviewService overview;
    private final QueueMonitor queues;
    private final ThroughputService throughput;

    @Context
    HttpServletRequest request;

    @Inject
    public ConsoleOverviewResource(OverviewService overview, QueueMonitor queues, ThroughputService throughput) {
        this.overview = overview;
        this.queues = queues;
        this.throughput = throughput;
    }

    /** For CDI proxies only. */
    protected ConsoleOverviewResource() {
        this(null, null, null);
    }

    public record QueuesDto(List<QueueView> queues, Instant sampledAt) {
    }

    @GET
    @Path("session")
    @Operation(operationId = "getConsoleSession", summary = "The signed-in admin: key id and how the request was authenticated")
    public ConsoleAdmin session() {
        return (ConsoleAdmin) request.getAttribute(ConsoleAuthFilter.ADMIN_ATTRIBUTE);
    }

    @GET
    @Path("overview")
    @Operation(operationId = "getConsoleOverview", summary = "Readiness of every dependency, application counters and timings")
    public OverviewService.Overview overview() {
        return overview.overview();
    }

    @GET
    @Path("throughput")
    @Operation(operationId = "getConsoleThroughput", summary = "Face-pipeline images/s and faces/s, and image jobs/s, per minute over the last hour")
    public ThroughputService.Throughput throughput() {
        return throughput.throughput(THROUGHPUT_WINDOW);
    }

    @GET
    @Path("queues")
    @Operation(operationId = "getConsoleQueues", summary = "Every visage.* queue: depth, consumers, in flight, added/acknowledged and their rates")
    public QueuesDto queues() {
        return new QueuesDto(queues.queues(), Instant.now());
    }
}
