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
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "searchFace", summary = "Stored faces most similar to the largest face (faces=all: every face) of the uploaded photo"
            + " (field 'file'; optional fields group_id, top_k, min_similarity, faces, site, from, to, ef_search, model)")
    public SearchDtos.SearchFaceResponse upload(@RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
                    type = SchemaType.OBJECT, requiredProperties = {"file"},
                    properties = {@SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary"),
                    @SchemaProperty(name = "model", type = SchemaType.STRING),
                    @SchemaProperty(name = "faces", type = SchemaType.STRING),
                    @SchemaProperty(name = "top_k", type = SchemaType.INTEGER),
                    @SchemaProperty(name = "min_similarity", type = SchemaType.NUMBER),
                    @SchemaProperty(name = "group_id", type = SchemaType.STRING),
                    @SchemaProperty(name = "site", type = SchemaType.STRING),
                    @SchemaProperty(name = "from", type = SchemaType.STRING),
                    @SchemaProperty(name = "to", type = SchemaType.STRING),
                    @SchemaProperty(name = "ef_search", type = SchemaType.INTEGER)})))
            List<EntityPart> parts) {
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
