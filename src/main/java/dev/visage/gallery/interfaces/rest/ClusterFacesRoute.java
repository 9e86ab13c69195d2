package dev.visage.gallery.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import dev.visage.shared.interfaces.rest.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /cluster-faces}: the digest service's route at the root, for its existing clients; see {@link FaceRoutes}. */
@RequestScoped
@Path("cluster-faces")
@Tag(name = "Gallery")
public class ClusterFacesRoute {

    private final FaceRoutes routes;

    @Inject
    public ClusterFacesRoute(FaceRoutes routes) {
        this.routes = routes;
    }

    /** For CDI proxies only. */
    protected ClusterFacesRoute() {
        this.routes = null;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "clusterFaces", summary = "The people of a group {group_id} (absent: of the whole tenant): clusters with size,"
            + " representative face, face ids and image paths, and the unclustered faces; optional min_similarity,"
            + " min_faces, recluster")
    public DigestDtos.ClusterFacesResponse clusterFaces(DigestDtos.ClusterFacesRequest body) {
        return routes.clusterFaces(body);
    }
}
