package dev.visage.ingest.interfaces.rest;

import dev.visage.access.application.CallerContext;
import dev.visage.contracts.ingest.IngestMessage;
import dev.visage.ingest.application.IngestMessages;
import dev.visage.ingest.application.IngestService;
import dev.visage.contracts.Field;
import dev.visage.shared.interfaces.rest.BodyLimits;
import dev.visage.shared.interfaces.rest.ProblemDetail;
import dev.visage.shared.interfaces.rest.ProblemException;
import dev.visage.shared.json.JsonText;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import dev.visage.shared.interfaces.rest.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The face-pipeline message over HTTP: the same JSON as on the queue (one object or an
 * array), or a multipart upload whose file is stored in the raw-images bucket first.
 * Everything is validated before anything is queued; 202 once the messages are on the queue.
 */
@RequestScoped
@Path("api/v1/ingest")
@Tag(name = "Ingest")
@Produces(MediaType.APPLICATION_JSON)
public class IngestResource {

    private final IngestService ingest;
    private final CallerContext caller;
    private final int maxBatch;
    private final BodyLimits limits;

    @Inject
    public IngestResource(IngestService ingest, CallerContext caller,
                          @ConfigProperty(name = "visage.ingest.max-batch") int maxBatch, BodyLimits limits) {
        this.ingest = ingest;
        this.caller = caller;
        this.maxBatch = maxBatch;
        this.limits = limits;
    }

    /** For CDI proxies only. */
    protected IngestResource() {
        this(null, null, 0, null);
    }

    /** @param messages the queued messages (for uploads: with the computed sha256, key and pHash) */
    public record Queued(int queued, List<IngestMessage> messages) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue face-pipeline messages: one object or an array (schema: openapi/ingest-message.schema.json); tenant_id defaults to the key's tenant")
    public Response submit(String body) {
        JsonValue value;
        try {
            value = JsonText.parse(body);
        } catch (JsonText.Malformed e) {
            throw ProblemException.badRequest("body", "malformed JSON: " + e.getMessage());
        }
        List<JsonObject> objects = new ArrayList<>();
        if (value.getValueType() == JsonValue.ValueType.OBJECT) {
            objects.add(value.asJsonObject());
        } else if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue v : value.asJsonArray()) {
                if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw ProblemException.unprocessable("body", "every array element must be a JSON object");
                }
                objects.add(v.asJsonObject());
            }
        } else {
            throw ProblemException.unprocessable("body", "a JSON object or an array of objects is required");
        }
        if (objects.isEmpty() || objects.size() > maxBatch) {
            throw ProblemException.unprocessable("body", "between 1 and " + maxBatch + " messages per request");
        }
        List<IngestMessage> messages = new ArrayList<>();
        List<ProblemDetail.InvalidParam> problems = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            JsonObject o = objects.get(i);
            if (!o.containsKey("tenant_id") || o.isNull("tenant_id")) {
                o = Json.createObjectBuilder(o).add("tenant_id", caller.tenantId()).build();
            }
            String prefix = value.getValueType() == JsonValue.ValueType.ARRAY ? "[" + i + "]" : "body";
            try {
                IngestMessage m = IngestMessages.from(o);
                if (!caller.caller().admin() && !m.tenantId().equals(caller.tenantId())) {
                    throw new ProblemException(403, "Forbidden", prefix + ": tenant_id " + m.tenantId()
                            + " is not this key's tenant");
                }
                messages.add(m);
            } catch (IngestMessages.InvalidMessage e) {
                problems.add(new ProblemDetail.InvalidParam(prefix, e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemException(422, "Unprocessable Content", problems.size() + " invalid message(s); nothing was queued",
                    problems);
        }
        ingest.submit(messages);
        return Response.accepted(new Queued(messages.size(), messages)).build();
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @APIResponse(responseCode = "202", description = "Accepted: the queued messages", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Queued.class)))
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "ingest", summary = "Upload an image (field 'file'; optional fields site, url, tenant_id, group_id): stored in the raw-images bucket, then queued")
    public Response upload(@RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
                    type = SchemaType.OBJECT, requiredProperties = {"file"},
                    properties = {@SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary"),
                    @SchemaProperty(name = "site", type = SchemaType.STRING),
                    @SchemaProperty(name = "url", type = SchemaType.STRING),
                    @SchemaProperty(name = "tenant_id", type = SchemaType.STRING),
                    @SchemaProperty(name = "group_id", type = SchemaType.STRING)})))
            List<EntityPart> parts) throws IOException {
        Optional<EntityPart> file = part(parts, "file");
        if (file.isEmpty()) {
            throw ProblemException.badRequest("file", "multipart field 'file' is required");
        }
        String tenant = field(parts, Field.TENANT_ID).orElse(caller.tenantId());
        if (!caller.caller().admin() && !tenant.equals(caller.tenantId())) {
            throw new ProblemException(403, "Forbidden", "tenant_id " + tenant + " is not this key's tenant");
        }
        String site = field(parts, Field.SITE).orElse(null);
        String url = field(parts, Field.URL).orElse(null);
        String group = field(parts, Field.GROUP_ID).orElse(null);
        byte[] content = limits.readImage("file", file.get().getContent());
        if (content.length == 0) {
            throw ProblemException.unprocessable("file", "the file is empty");
        }
        String type = file.get().getMediaType() == null ? null : file.get().getMediaType().toString();
        IngestMessage m = ingest.submitUpload(tenant, content, type, site, url, group);
        return Response.accepted(new Queued(1, List.of(m))).build();
    }

    /** A form field within its {@link Field} limits (422 naming it); empty when absent or blank. */
    private static Optional<String> field(List<EntityPart> parts, Field field) throws IOException {
        Optional<String> value = text(parts, field.jsonName());
        Optional<String> violation = value.flatMap(field::violation);
        if (violation.isPresent()) {
            throw ProblemException.unprocessable(field.jsonName(), violation.get());
        }
        return value;
    }

    private static Optional<EntityPart> part(List<EntityPart> parts, String name) {
        return parts == null ? Optional.empty() : parts.stream().filter(p -> name.equals(p.getName())).findFirst();
    }

    private static Optional<String> text(List<EntityPart> parts, String name) throws IOException {
        Optional<EntityPart> p = part(parts, name);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = p.get().getContent()) {
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        }
    }
}
