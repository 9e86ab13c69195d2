package dev.visage.gallery.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Face search at /api/v1/search-face (Visage's API path); see {@link SearchRoutes}. */
@RequestScoped
@Tag(name = "Gallery")
@Path("api/v1/search-face")
public class ApiSearchFaceResource extends SearchFaceResource {

    @Inject
    public ApiSearchFaceResource(SearchRoutes routes) {
        super(routes);
    }

    /** For CDI proxies only. */
    protected ApiSearchFaceResource() {
        super();
    }
}
