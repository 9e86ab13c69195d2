package dev.visage.gallery.interfaces.rest;

import dev.visage.shared.interfaces.rest.BodyLimit;
import dev.visage.shared.interfaces.rest.BodyLimits;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import dev.visage.shared.interfaces.rest.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /get-embedding}: the digest service's route at the root, for its existing clients; see {@link FaceRoutes}. */
@RequestScoped
@Path("get-embedding")
@Tag(name = "Gallery")
public class GetEmbeddingRoute {

    private final FaceRoutes routes;

    @Inject
    public GetEmbeddingRoute(FaceRoutes routes) {
        this.routes = routes;
    }

    /** For CDI proxies only. */
    protected GetEmbeddingRoute() {
        this.routes = null;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "getEmbedding", summary = "Embeddings of every face (multipart 'file'); 'embedding' is the largest face's")
    public DigestDtos.EmbeddingResponse upload(@RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
                    type = SchemaType.OBJECT, requiredProperties = {"file"},
                    properties = {@SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary"),
                    @SchemaProperty(name = "confidence", type = SchemaType.NUMBER),
                    @SchemaProperty(name = "max_faces", type = SchemaType.INTEGER)})))
            List<EntityPart> parts) {
        return routes.getEmbeddingUpload(parts);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(BodyLimits.Kind.BASE64_IMAGES)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Embeddings of every face of a base64 photo {\"image\": ...}; 'embedding' is the largest face's")
    public DigestDtos.EmbeddingResponse json(DigestDtos.DigestImageRequest body) {
        return routes.getEmbeddingJson(body);
    }
}
