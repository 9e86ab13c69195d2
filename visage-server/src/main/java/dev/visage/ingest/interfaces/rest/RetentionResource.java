package dev.visage.ingest.interfaces.rest;

import dev.visage.ingest.application.RetentionService;
import dev.visage.shared.interfaces.rest.AdminOnly;
import dev.visage.shared.interfaces.rest.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import dev.visage.shared.interfaces.rest.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The retention tool's endpoint (scripts/retention.sh): a dry run unless apply=true. */
@RequestScoped
@Path("api/v1/admin/retention")
@AdminOnly
@Tag(name = "Ingest")
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {

    private final RetentionService retention;

    @Inject
    public RetentionResource(RetentionService retention) {
        this.retention = retention;
    }

    /** For CDI proxies only. */
    protected RetentionResource() {
        this(null);
    }

    @POST
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "runRetention", summary = "Report objects older than N days and objects without a database row; apply=true deletes the unreferenced ones older than N days")
    public RetentionService.Report run(@QueryParam("older_than_days") @DefaultValue("30") int days,
                                       @QueryParam("apply") @DefaultValue("false") boolean apply) throws IOException {
        if (days < 0) {
            throw ProblemException.unprocessable("older_than_days", "must be >= 0");
        }
        return retention.run(days, apply);
    }
}
