package dev.visage.access.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import dev.visage.access.application.ApiKeyService;
import dev.visage.shared.interfaces.rest.AdminOnly;
import dev.visage.shared.interfaces.rest.ProblemException;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import dev.visage.shared.interfaces.rest.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin endpoints to create, list and revoke API keys. */
@RequestScoped
@Path("api/v1/admin/api-keys")
@AdminOnly
@Tag(name = "Admin: API keys")
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyAdminResource {

    private final ApiKeyService keys;

    @Inject
    public ApiKeyAdminResource(ApiKeyService keys) {
        this.keys = keys;
    }

    /** For CDI proxies only. */
    protected ApiKeyAdminResource() {
        this(null);
    }

    public record CreateKeyRequest(@JsonbProperty("tenant_id") String tenantId, String name, Boolean admin) {
    }

    public record KeyDto(String id, String prefix, @JsonbProperty("tenant_id") String tenantId, String role,
                         String name, @JsonbProperty("created_at") Instant createdAt,
                         @JsonbProperty("revoked_at") Instant revokedAt) {
        static KeyDto of(ApiKeyService.KeyView v) {
            return new KeyDto(v.id().toString(), v.prefix(), v.tenantId(), v.role(), v.name(), v.createdAt(), v.revokedAt());
        }
    }

    /** The secret appears in this response only; Visage keeps its hash. */
    public record IssuedKeyDto(KeyDto key, String secret) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "The key and its secret, shown this once", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IssuedKeyDto.class)))
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "issueApiKey", summary = "Issue an API key for a tenant (or an admin key); the secret is shown once")
    public Response create(CreateKeyRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("body", "a JSON object is required");
        }
        boolean admin = Boolean.TRUE.equals(request.admin());
        if (!admin && (request.tenantId() == null || request.tenantId().isBlank())) {
            throw ProblemException.unprocessable("tenant_id", "required for a tenant key");
        }
        try {
            ApiKeyService.IssuedKey issued = keys.issue(request.tenantId(), admin, request.name());
            return Response.status(201).entity(new IssuedKeyDto(KeyDto.of(issued.key()), issued.secret())).build();
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("tenant_id", e.getMessage());
        }
    }

    @GET
    @Operation(operationId = "listApiKeys", summary = "List API keys (never their secrets)")
    public List<KeyDto> list() {
        return keys.list().stream().map(KeyDto::of).toList();
    }

    @DELETE
    @Path("{id}")
    @APIResponse(responseCode = "204", description = "Revoked")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key; it stops working at once")
    public Response revoke(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("id", "not a UUID");
        }
        if (!keys.revoke(uuid)) {
            throw ProblemException.notFound("no API key " + id);
        }
        return Response.noContent().build();
    }
}
