package dev.visage.recognition.interfaces.rest;

import dev.visage.access.application.CallerContext;
import dev.visage.recognition.application.CacheStats;
import dev.visage.recognition.application.EnrolledFace;
import dev.visage.recognition.application.EnrolmentService;
import dev.visage.recognition.application.Recognition;
import dev.visage.recognition.application.RecognitionException;
import dev.visage.recognition.application.RecognitionQueries;
import dev.visage.recognition.application.RecognitionService;
import dev.visage.recognition.application.Verification;
import dev.visage.recognition.interfaces.rest.RecognitionDtos.CompanyCreated;
import dev.visage.recognition.interfaces.rest.RecognitionDtos.CompanyRequest;
import dev.visage.recognition.interfaces.rest.RecognitionDtos.EnrolFace;
import dev.visage.recognition.interfaces.rest.RecognitionDtos.EnrolUser;
import dev.visage.recognition.interfaces.rest.RecognitionDtos.ImageRequest;
import dev.visage.recognition.interfaces.rest.RecognitionDtos.VerifyUser;
import dev.visage.shared.interfaces.rest.BodyLimit;
import dev.visage.shared.interfaces.rest.BodyLimits;
import dev.visage.shared.interfaces.rest.ProblemException;
import dev.visage.shared.interfaces.rest.ProblemResponsesFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Companies, users and faces with the kiosk semantics, and recognition. A company is a
 * tenant: a tenant API key acts on its own company only, admin keys on any. Images come as
 * multipart {@code file} or as JSON {@code image} (base64). Errors are problem+json whose
 * {@code detail} is the kiosk error text.
 */
@RequestScoped
@Path("api/v1")
@Tag(name = "Recognition")
@Produces(MediaType.APPLICATION_JSON)
public class RecognitionResource {

    private final EnrolmentService enrolment;
    private final RecognitionService recognition;
    private final RecognitionQueries queries;
    private final CallerContext caller;
    private final BodyLimits limits;

    @Inject
    public RecognitionResource(EnrolmentService enrolment, RecognitionService recognition, RecognitionQueries queries,
                               CallerContext caller, BodyLimits limits) {
        this.enrolment = enrolment;
        this.recognition = recognition;
        this.queries = queries;
        this.caller = caller;
        this.limits = limits;
    }

    /** For CDI proxies only. */
    protected RecognitionResource() {
        this(null, null, null, null, null);
    }

    // ------------------------------------------------------------------ companies

    @POST
    @Path("companies")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional(dontRollbackOn = RecognitionException.class)
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompanyCreated.class)))
    @APIResponse(responseCode = "200", description = "It already existed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CompanyCreated.class)))
    @Operation(operationId = "createCompany", summary = "Create a company (idempotent): 201 when new, 200 when it exists")
    public Response createCompany(CompanyRequest body) {
        String id = body == null ? null : body.companyId();
        if (id != null && !id.isBlank()) {
            guard(id);
        }
        boolean created = enrolment.createCompany(id);
        return Response.status(created ? 201 : 200).entity(new CompanyCreated(id, created)).build();
    }

    @DELETE
    @Path("companies/{company}")
    @Transactional(dontRollbackOn = RecognitionException.class)
    @APIResponse(responseCode = "204", description = "Deleted")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "deleteCompany", summary = "Delete a company with all its users and faces: 204, or 404 when absent")
    public Response deleteCompany(@PathParam("company") String company) {
        guard(company);
        if (!enrolment.deleteCompany(company)) {
            throw new RecognitionException(RecognitionException.Kind.NOT_FOUND, RecognitionException.COMPANY_MISSING);
        }
        return Response.noContent().build();
    }

    // ------------------------------------------------------------------ users and faces

    @POST
    @Path("companies/{company}/users")
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(BodyLimits.Kind.BASE64_IMAGES)
    @Transactional(dontRollbackOn = RecognitionException.class)
    @Operation(summary = "Create a user with its first face ({user_id, face_id, image}): 201 with the embedding")
    public Response createUser(@PathParam("company") String company, EnrolUser body) {
        guard(company);
        EnrolUser b = body == null ? new EnrolUser(null, null, null) : body;
        return created(enrolment.createUser(company, b.userId(), b.faceId(), Parts.base64(limits, "image", b.image())));
    }

    @POST
    @Path("companies/{company}/users")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Transactional(dontRollbackOn = RecognitionException.class)
    @APIResponse(responseCode = "201", description = "Enrolled, with the embedding", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnrolledFace.class)))
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404 409 422")
    @Operation(operationId = "createUser", summary = "Create a user with its first face (multipart user_id, face_id, file): 201 with the embedding")
    public Response createUserUpload(@PathParam("company") String company, @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
                    type = SchemaType.OBJECT, requiredProperties = {"user_id", "file"},
                    properties = {@SchemaProperty(name = "user_id", type = SchemaType.STRING),
                    @SchemaProperty(name = "face_id", type = SchemaType.STRING),
                    @SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary")})))
            List<EntityPart> parts) {
        guard(company);
        Parts p = new Parts(parts, limits);
        return created(enrolment.createUser(company, p.text("user_id"), p.text("face_id"), p.file("file")));
    }

    @POST
    @Path("companies/{company}/users/{user}/faces")
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(BodyLimits.Kind.BASE64_IMAGES)
    @Transactional(dontRollbackOn = RecognitionException.class)
    @Operation(summary = "Add a face to a user ({face_id, image}): 201 with the embedding")
    public Response addFace(@PathParam("company") String company, @PathParam("user") String user, EnrolFace body) {
        guard(company);
        EnrolFace b = body == null ? new EnrolFace(null, null) : body;
        return created(enrolment.addFace(company, user, b.faceId(), Parts.base64(limits, "image", b.image())));
    }

    @POST
    @Path("companies/{company}/users/{user}/faces")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Transactional(dontRollbackOn = RecognitionException.class)
    @APIResponse(responseCode = "201", description = "Enrolled, with the embedding", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EnrolledFace.class)))
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404 409 422")
    @Operation(operationId = "addFace", summary = "Add a face to a user (multipart face_id, file): 201 with the embedding")
    public Response addFaceUpload(@PathParam("company") String company, @PathParam("user") String user,
                                  @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
                    type = SchemaType.OBJECT, requiredProperties = {"file"},
                    properties = {@SchemaProperty(name = "face_id", type = SchemaType.STRING),
                    @SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary")})))
            List<EntityPart> parts) {
        guard(company);
        Parts p = new Parts(parts, limits);
        return created(enrolment.addFace(company, user, p.text("face_id"), p.file("file")));
    }

    @DELETE
    @Path("companies/{company}/users/{user}")
    @Transactional(dontRollbackOn = RecognitionException.class)
    @APIResponse(responseCode = "204", description = "Deleted")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "deleteUser", summary = "Delete a user with all its faces: 204, or 404 when absent")
    public Response deleteUser(@PathParam("company") String company, @PathParam("user") String user) {
        guard(company);
        if (!enrolment.deleteUser(company, user)) {
            throw new RecognitionException(RecognitionException.Kind.NOT_FOUND, RecognitionException.USER_MISSING);
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("companies/{company}/users/{user}/faces/{face}")
    @Transactional(dontRollbackOn = RecognitionException.class)
    @APIResponse(responseCode = "204", description = "Deleted")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "deleteFace", summary = "Delete one face (the user stays, even without faces): 204, or 404 when absent")
    public Response deleteFace(@PathParam("company") String company, @PathParam("user") String user,
                               @PathParam("face") String face) {
        guard(company);
        if (!enrolment.deleteFace(company, user, face)) {
            throw new RecognitionException(RecognitionException.Kind.NOT_FOUND, RecognitionException.FACE_MISSING);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("companies/{company}/users/{user}/faces")
    @Operation(operationId = "listUserFaces", summary = "The user's face ids; [] for an unknown user or company")
    public List<String> userFaces(@PathParam("company") String company, @PathParam("user") String user) {
        guard(company);
        return queries.userFaces(company, user);
    }

    // ------------------------------------------------------------------ recognition

    @POST
    @Path("companies/{company}/recognize")
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(BodyLimits.Kind.BASE64_IMAGES)
    @Operation(summary = "Who is in the image ({image}): {user_id, confidence, bbox}; user_id null below the threshold")
    public Recognition recognize(@PathParam("company") String company, ImageRequest body) {
        guard(company);
        return recognition.recognize(company, Parts.base64(limits, "image", body == null ? null : body.image()));
    }

    @POST
    @Path("companies/{company}/recognize")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "recognize", summary = "Who is in the image (multipart file): {user_id, confidence, bbox}")
    public Recognition recognizeUpload(@PathParam("company") String company, @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
                    type = SchemaType.OBJECT, requiredProperties = {"file"},
                    properties = {@SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary")})))
            List<EntityPart> parts) {
        guard(company);
        return recognition.recognize(company, new Parts(parts, limits).file("file"));
    }

    @POST
    @Path("companies/{company}/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(BodyLimits.Kind.BASE64_IMAGES)
    @Operation(summary = "Is this the user ({user_id, image})? Compared with all of the user's faces: {match, similarity}")
    public Verification verifyUser(@PathParam("company") String company, VerifyUser body) {
        guard(company);
        VerifyUser b = body == null ? new VerifyUser(null, null) : body;
        return recognition.verifyUser(company, b.userId(), Parts.base64(limits, "image", b.image()));
    }

    @POST
    @Path("companies/{company}/verify")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404 422")
    @Operation(operationId = "verifyUser", summary = "Is this the user (multipart user_id, file)? {match, similarity}")
    public Verification verifyUserUpload(@PathParam("company") String company, @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
                    type = SchemaType.OBJECT, requiredProperties = {"user_id", "file"},
                    properties = {@SchemaProperty(name = "user_id", type = SchemaType.STRING),
                    @SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary")})))
            List<EntityPart> parts) {
        guard(company);
        Parts p = new Parts(parts, limits);
        return recognition.verifyUser(company, p.text("user_id"), p.file("file"));
    }

    @GET
    @Path("cache-stats")
    @Operation(operationId = "getCacheStats", summary = "This instance's gallery cache (admin: all companies; tenant: its own company)")
    public CacheStats cacheStats() {
        return queries.cacheStats(caller.caller().admin() ? Optional.empty() : Optional.of(caller.tenantId()));
    }

    // ------------------------------------------------------------------ helpers

    private void guard(String company) {
        if (!caller.caller().admin() && !caller.tenantId().equals(company)) {
            throw new ProblemException(403, "Forbidden",
                    "the API key of tenant " + caller.tenantId() + " may not act on company " + company);
        }
    }

    private static Response created(EnrolledFace face) {
        return Response.status(201).entity(face).build();
    }
}
