package dev.visage.gallery.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/v1/get-embedding}: the digest service's route under Visage's API prefix; see {@link FaceRoutes}. */
@RequestScoped
@Tag(name = "Gallery")
@Path("api/v1/get-embedding")
public class ApiGetEmbeddingRoute extends GetEmbeddingRoute {

    @Inject
    public ApiGetEmbeddingRoute(FaceRoutes routes) {
        super(routes);
    }

    /** For CDI proxies only. */
    protected ApiGetEmbeddingRoute() {
        super();
    }
}
