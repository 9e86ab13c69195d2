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

/** {@code POST /api/v1/get-embedding}: the digest service's route under Visage's API prefix; see {@link FaceRoutes}. */
@RequestScoped
@Path("api/v1/get-embedding")
@Tag(name = "Gallery")
public class ApiGetEmbeddingRoute {

    private final FaceRoutes routes;

    @Inject
    public ApiGetEmbeddingRoute(FaceAnalyzer analyzer, Clustering clustering, CallerContext caller,
            @ConfigProperty(name = "visage.analyze.max-bytes") int maxBytes,
            @ConfigProperty(name = "visage.analyze.max-faces") int maxFaces) {
        this.routes = new FaceRoutes(analyzer, clustering, caller, maxBytes, maxFaces);
    }

    /** For CDI proxies only. */
    protected ApiGetEmbeddingRoute() {
        this.routes = null;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Embeddings of every face (multipart 'file'); 'embedding' is the largest face's")
    public DigestDtos.EmbeddingResponse upload(List<EntityPart> parts) {
        return routes.getEmbeddingUpload(parts);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Embeddings of every face of a base64 photo {\"image\": ...}; 'embedding' is the largest face's")
    public DigestDtos.EmbeddingResponse json(DigestDtos.DigestImageRequest body) {
        return routes.getEmbeddingJson(body);
    }
}
