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

/** {@code POST /get-faces}: the digest service's route at the root, for its existing clients; see {@link FaceRoutes}. */
@RequestScoped
@Path("get-faces")
@Tag(name = "Gallery")
public class GetFacesRoute {

    private final FaceRoutes routes;

    @Inject
    public GetFacesRoute(FaceRoutes routes) {
        this.routes = routes;
    }

    /** For CDI proxies only. */
    protected GetFacesRoute() {
        this.routes = null;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "getFaces", summary = "Detect faces (multipart 'file'; optional confidence, max_faces): boxes, landmarks, scores, largest first")
    public DigestDtos.FacesResponse upload(@RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
                    type = SchemaType.OBJECT, requiredProperties = {"file"},
                    properties = {@SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary"),
                    @SchemaProperty(name = "confidence", type = SchemaType.NUMBER),
                    @SchemaProperty(name = "max_faces", type = SchemaType.INTEGER)})))
            List<EntityPart> parts) {
        return routes.getFacesUpload(parts);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(BodyLimits.Kind.BASE64_IMAGES)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Detect faces of a base64 photo {\"image\": ..., \"confidence\", \"max_faces\"}: boxes, landmarks, scores")
    public DigestDtos.FacesResponse json(DigestDtos.DigestImageRequest body) {
        return routes.getFacesJson(body);
    }
}
