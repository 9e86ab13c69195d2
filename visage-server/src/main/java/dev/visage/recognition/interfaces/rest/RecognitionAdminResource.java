package dev.visage.recognition.interfaces.rest;

import dev.visage.shared.interfaces.rest.BodyLimit;
import dev.visage.shared.interfaces.rest.BodyLimits;
import dev.visage.recognition.application.EnrolmentTransfer;
import dev.visage.recognition.application.RecognitionException;
import dev.visage.recognition.infrastructure.InitialDataLoader;
import dev.visage.shared.interfaces.rest.AdminOnly;
import dev.visage.shared.interfaces.rest.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

/** Import and export of the kiosk initial-data JSON (admin keys only). */
@RequestScoped
@Path("api/v1/admin/recognition")
@AdminOnly
@Tag(name = "Recognition")
@Produces(MediaType.APPLICATION_JSON)
public class RecognitionAdminResource {

    private final EnrolmentTransfer transfer;
    private final InitialDataLoader loader;

    @Inject
    public RecognitionAdminResource(EnrolmentTransfer transfer, InitialDataLoader loader) {
        this.transfer = transfer;
        this.loader = loader;
    }

    /** For CDI proxies only. */
    protected RecognitionAdminResource() {
        this(null, null);
    }

    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(BodyLimits.Kind.IMPORT)
    @Operation(operationId = "importRecognitionData", summary = "Import kiosk data ({companies, users, faces, embeddings}); answers the consistency report")
    public EnrolmentTransfer.ImportReport importData(JsonObject data) {
        if (data == null) {
            throw RecognitionException.validation("a JSON object {companies, users, faces, embeddings} is required");
        }
        return transfer.importData(data);
    }

    @POST
    @Path("import/configured")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "409")
    @Operation(operationId = "importConfiguredRecognitionData", summary = "Import again from the configured DATA_SOURCE (LOCAL_FILE or API)")
    public EnrolmentTransfer.ImportReport importConfigured() throws IOException {
        return loader.load().orElseThrow(() -> new ProblemException(409, "Conflict",
                "DATA_SOURCE is NONE or DATA_FILE does not exist"));
    }

    @GET
    @Path("export")
    @Operation(operationId = "exportRecognitionData", summary = "Export companies, users, faces and embeddings in the kiosk format (optionally one company)")
    public JsonObject exportData(@QueryParam("company_id") String companyId) {
        return transfer.exportData(companyId);
    }
}
