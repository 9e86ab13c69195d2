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
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/v1/cluster-faces}: the digest service's route under Visage's API prefix; see {@link FaceRoutes}. */
@RequestScoped
@Path("api/v1/cluster-faces")
@Tag(name = "Gallery")
public class ApiClusterFacesRoute {

    private final FaceRoutes routes;

    @Inject
    public ApiClusterFacesRoute(FaceAnalyzer analyzer, Clustering clustering, CallerContext caller,
            @ConfigProperty(name = "visage.analyze.max-bytes") int maxBytes,
            @ConfigProperty(name = "visage.analyze.max-faces") int maxFaces) {
        this.routes = new FaceRoutes(analyzer, clustering, caller, maxBytes, maxFaces);
    }

    /** For CDI proxies only. */
    protected ApiClusterFacesRoute() {
        this.routes = null;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The people of a group {group_id} (absent: of the whole tenant): clusters with size,"
            + " representative face, face ids and image paths, and the unclustered faces; optional min_similarity,"
            + " min_faces, recluster")
    public DigestDtos.ClusterFacesResponse clusterFaces(DigestDtos.ClusterFacesRequest body) {
        return routes.clusterFaces(body);
    }
}
