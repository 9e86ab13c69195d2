package dev.visage.console.interfaces.rest;

import dev.visage.access.application.TenantIds;
import dev.visage.ingest.application.StoredFaceQueries;
import dev.visage.recognition.application.CompanySummary;
import dev.visage.recognition.application.EnrolmentService;
import dev.visage.recognition.application.FaceView;
import dev.visage.recognition.application.RecognitionQueries;
import dev.visage.recognition.application.UserSummary;
import dev.visage.shared.interfaces.rest.ProblemException;
import dev.visage.shared.interfaces.rest.ProblemResponsesFilter;
import dev.visage.shared.interfaces.rest.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * People and faces for operators: the recognition context's companies, users and enrolled
 * faces (delete any of them), and the faces the pipeline stored per tenant, each with a
 * thumbnail. Ids travel as query parameters: company, user and face ids may hold any
 * character, slashes included. Guarded like the other console resources.
 */
@RequestScoped
@Path("console/api")
@Public
@ConsoleApi
@Tag(name = "Admin console")
@SecurityRequirement(name = "consoleBasic")
@Produces(MediaType.APPLICATION_JSON)
public class ConsolePeopleResource {

    /** Thumbnails are shown at up to 96 CSS pixels; twice that stays sharp on high-density screens. */
    static final int THUMBNAIL_SIZE = 192;

    private final EnrolmentService enrolment;
    private final RecognitionQueries queries;
    private final StoredFaceQueries storedFaces;

    @Inject
    public ConsolePeopleResource(EnrolmentService enrolment, RecognitionQueries queries,
                                 StoredFaceQueries storedFaces) {
        this.enrolment = enrolment;
        this.queries = queries;
        this.storedFaces = storedFaces;
    }

    /** For CDI proxies only. */
    protected ConsolePeopleResource() {
        this(null, null, null);
    }

    /** An enrolled face without its embedding; {@code hasImage} false for imported faces (no thumbnail). */
    public record EnrolledFaceDto(String companyId, String userId, String faceId, String model, List<Integer> bbox,
                                  Float detectionScore, Float sharpness, Boolean qualityOk, boolean hasImage,
                                  Instant createdAt) {
        static EnrolledFaceDto of(FaceView f) {
            return new EnrolledFaceDto(f.companyId(), f.userId(), f.faceId(), f.model(), f.bbox(), f.detectionScore(),
                    f.sharpness(), f.qualityOk(), f.sourceKey() != null, f.createdAt());
        }
    }

    // ------------------------------------------------------------------ recognition

    @GET
    @Path("people/companies")
    @Operation(operationId = "listConsoleCompanies", summary = "Every recognition company with its user and face counts")
    public List<CompanySummary> companies() {
        return queries.companySummaries();
    }

    @DELETE
    @Path("people/companies")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "deleteConsoleCompany", summary = "Delete a company with all its users and faces")
    public Response deleteCompany(@QueryParam("company") String company) {
        if (!enrolment.deleteCompany(required("company", company))) {
            throw ProblemException.notFound("no company " + company);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("people/users")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "listConsoleUsers", summary = "The company's users with their face counts, in enrolment order")
    public List<UserSummary> users(@QueryParam("company") String company) {
        String c = required("company", company);
        if (!queries.companyExists(c)) {
            throw ProblemException.notFound("no company " + c);
        }
        return queries.userSummaries(c);
    }

    @DELETE
    @Path("people/users")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "deleteConsoleUser", summary = "Delete a user with all its faces")
    public Response deleteUser(@QueryParam("company") String company, @QueryParam("user") String user) {
        if (!enrolment.deleteUser(required("company", company), required("user", user))) {
            throw ProblemException.notFound("no user " + user + " in company " + company);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("people/faces")
    @Operation(operationId = "listConsoleEnrolledFaces", summary = "The user's enrolled faces (no embeddings), in enrolment order")
    public List<EnrolledFaceDto> faces(@QueryParam("company") String company, @QueryParam("user") String user) {
        return queries.faces(required("company", company), required("user", user)).stream()
                .map(EnrolledFaceDto::of).toList();
    }

    @DELETE
    @Path("people/faces")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "deleteConsoleEnrolledFace", summary = "Delete one enrolled face (the user stays)")
    public Response deleteFace(@QueryParam("company") String company, @QueryParam("user") String user,
                               @QueryParam("face") String face) {
        if (!enrolment.deleteFace(required("company", company), required("user", user), required("face", face))) {
            throw ProblemException.notFound("no face " + face + " of user " + user + " in company " + company);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("people/thumbnail")
    @Produces("image/jpeg")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "getConsoleEnrolledThumbnail", summary = "An enrolled face cut from its stored enrolment image (JPEG)")
    public Response enrolledThumbnail(@QueryParam("company") String company, @QueryParam("user") String user,
                                      @QueryParam("face") String face) {
        return jpeg(queries.faceThumbnail(required("company", company), required("user", user),
                required("face", face), THUMBNAIL_SIZE), "no stored image of face " + face);
    }

    // ------------------------------------------------------------------ pipeline faces

    @GET
    @Path("faces/tenants")
    @Operation(operationId = "listConsoleFaceTenants", summary = "Every tenant with faces the pipeline stored: face and image counts")
    public List<StoredFaceQueries.TenantFaces> faceTenants() {
        return storedFaces.tenants();
    }

    @GET
    @Path("faces")
    @Operation(operationId = "listConsoleStoredFaces", summary = "Faces the pipeline stored for a tenant, newest first")
    public StoredFaceQueries.FacePage storedFaces(@QueryParam("tenant") String tenant,
                                                  @QueryParam("limit") @DefaultValue("48") int limit,
                                                  @QueryParam("offset") @DefaultValue("0") int offset) {
        if (!TenantIds.isValid(tenant)) {
            throw ProblemException.badRequest("tenant", "a valid tenant id is required");
        }
        if (limit < 1 || limit > 200) {
            throw ProblemException.badRequest("limit", "must be between 1 and 200");
        }
        if (offset < 0) {
            throw ProblemException.badRequest("offset", "must not be negative");
        }
        return storedFaces.list(tenant, limit, offset);
    }

    @GET
    @Path("faces/{id}/thumbnail")
    @Produces("image/jpeg")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "getConsoleStoredFaceThumbnail", summary = "The thumbnail the pipeline stored for a face (JPEG)")
    public Response storedThumbnail(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("id", "not a UUID");
        }
        return jpeg(storedFaces.thumbnail(uuid), "no thumbnail of face " + id);
    }

    // ------------------------------------------------------------------ helpers

    private static Response jpeg(Optional<byte[]> image, String missing) {
        return Response.ok(image.orElseThrow(() -> ProblemException.notFound(missing)), "image/jpeg").build();
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(name, "is required");
        }
        return value;
    }
}
