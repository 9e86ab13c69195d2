package dev.visage.console.interfaces.rest;

import dev.visage.console.application.DeadLetterService;
import dev.visage.console.application.DeadLetterView;
import dev.visage.shared.interfaces.rest.ProblemException;
import dev.visage.shared.interfaces.rest.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import dev.visage.shared.interfaces.rest.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The dead-letter queue: browse, retry to the original queue, delete, export (guarded like the other console resources). */
@RequestScoped
@Path("console/api/dead-letters")
@Public
@ConsoleApi
@Tag(name = "Admin console")
@SecurityRequirement(name = "consoleBasic")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleDeadLetterResource {

    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final DeadLetterService deadLetters;

    @Inject
    public ConsoleDeadLetterResource(DeadLetterService deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** For CDI proxies only. */
    protected ConsoleDeadLetterResource() {
        this(null);
    }

    @GET
    @Operation(operationId = "listDeadLetters", summary = "One page (1-based) of dead letters, oldest first, with counts per original queue")
    public DeadLetterService.DeadLetterPage page(@QueryParam("page") @DefaultValue("1") int page,
                                                 @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 1) {
            throw ProblemException.badRequest("page", "must be 1 or more");
        }
        if (size < 1 || size > 200) {
            throw ProblemException.badRequest("size", "must be between 1 and 200");
        }
        return deadLetters.page(page, size);
    }

    @GET
    @Path("export")
    @Operation(operationId = "exportDeadLetters", summary = "Every dead letter as a JSON array (a download)")
    public Response export() {
        List<DeadLetterView> all = deadLetters.export();
        return Response.ok(all)
                .header("Content-Disposition", "attachment; filename=\"visage-dead-letters-"
                        + FILE_STAMP.format(Instant.now()) + ".json\"")
                .build();
    }

    @GET
    @Path("{id}")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "getDeadLetter", summary = "One dead letter by its broker message id")
    public DeadLetterView one(@PathParam("id") long id) {
        return deadLetters.find(id).orElseThrow(() -> notFound(id));
    }

    @POST
    @Path("{id}/retry")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404 409")
    @Operation(operationId = "retryDeadLetter", summary = "Send one dead letter back to its original queue")
    public DeadLetterService.RetryResult retry(@PathParam("id") long id) {
        return deadLetters.retry(id).orElseThrow(() -> notFound(id));
    }

    @POST
    @Path("retry")
    @Operation(operationId = "retryAllDeadLetters", summary = "Send every dead letter back to its original queue")
    public DeadLetterService.RetryResult retryAll() {
        return deadLetters.retryAll();
    }

    @DELETE
    @Path("{id}")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "deleteDeadLetter", summary = "Delete one dead letter")
    public Response delete(@PathParam("id") long id) {
        if (!deadLetters.delete(id)) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("no dead letter " + id);
    }
}
