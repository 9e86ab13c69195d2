package dev.visage.gallery.interfaces.rest;

import dev.visage.access.application.CallerContext;
import dev.visage.gallery.application.Clustering;
import dev.visage.inference.application.FaceAnalyzer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/v1/get-faces}: the digest service's route under Visage's API prefix; see {@link FaceRoutes}. */
@RequestScoped
@Path("api/v1/get-faces")
@Tag(name = "Gallery")
public class ApiGetFacesRoute {

    private final FaceRoutes routes;

    @Inject
    public ApiGetFacesRoute(FaceAnalyzer analyzer, Clustering clustering, CallerContext caller,
            @ConfigProperty(name = "visage.analyze.max-bytes") int maxBytes,
            @ConfigProperty(name = "visage.analyze.max-faces") int maxFaces) {
        this.routes = new FaceRoutes(analyzer, clustering, caller, maxBytes, maxFaces);
    }

    /** For CDI proxies only. */
    protected ApiGetFacesRoute() {
        this.routes = null;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Detect faces (multipart 'file'; optional confidence, max_faces): boxes, landmarks, scores, largest first")
    public DigestDtos.FacesResponse upload(List<EntityPart> parts) {
        return routes.getFacesUpload(parts);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Detect faces of a base64 photo {\"image\": ..., \"confidence\", \"max_faces\"}: boxes, landmarks, scores")
    public DigestDtos.FacesResponse json(DigestDtos.DigestImageRequest body) {
        return routes.getFacesJson(body);
    }
}
