package dev.visage.gallery.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/v1/get-features}: the digest service's route under Visage's API prefix; see {@link FaceRoutes}. */
@RequestScoped
@Tag(name = "Gallery")
@Path("api/v1/get-features")
public class ApiGetFeaturesRoute extends GetFeaturesRoute {

    @Inject
    public ApiGetFeaturesRoute(FaceRoutes routes) {
        super(routes);
    }

    /** For CDI proxies only. */
    protected ApiGetFeaturesRoute() {
        super();
    }
}
