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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Face search at /search-face (the digest service's route); see {@link SearchRoutes}. */
@RequestScoped
@Path("search-face")
@Tag(name = "Gallery")
public class SearchFaceResource {

    private final SearchRoutes routes;

    @Inject
    public SearchFaceResource(SearchRoutes routes) {
        this.routes = routes;
    }

    /** For CDI proxies only. */
    protected SearchFaceResource() {
        this.routes = null;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stored faces most similar to the largest face (faces=all: every face) of the uploaded photo"
            + " (field 'file'; optional fields group_id, top_k, min_similarity, faces, site, from, to, ef_search, model)")
    public SearchDtos.SearchFaceResponse upload(List<EntityPart> parts) {
        return routes.searchUpload(parts);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(BodyLimits.Kind.BASE64_IMAGES)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stored faces most similar to a photo ({\"image\": base64}) or to an embedding"
            + " ({\"embedding\": [...]}), with group_id, top_k, min_similarity, faces, site, from, to, ef_search, model")
    public SearchDtos.SearchFaceResponse json(SearchDtos.SearchFaceRequest body) {
        return routes.searchJson(body);
    }
}
