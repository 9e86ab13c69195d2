package dev.visage.gallery.interfaces.rest;

import dev.visage.shared.interfaces.rest.BodyLimit;
import dev.visage.shared.interfaces.rest.BodyLimits;
import dev.visage.shared.interfaces.rest.ProblemResponsesFilter;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The digest service's face routes under Visage's API prefix, each declared once: detect faces, embeddings,
 * attributes, the people of a group and face search, thin over {@link FaceRoutes} and {@link SearchRoutes}.
 * Their root paths ({@code /get-faces}, ...), kept for the digest service's existing clients, are aliases
 * ({@link DigestRouteAliases}), not second resources.
 */
@RequestScoped
@Path(DigestRoutesResource.PREFIX)
@Tag(name = "Gallery")
public class DigestRoutesResource {

    static final String PREFIX = "api/v1";

    private final FaceRoutes routes;
    private final SearchRoutes search;

    @Inject
    public DigestRoutesResource(FaceRoutes routes, SearchRoutes search) {
        this.routes = routes;
        this.search = search;
    }

    /** For CDI proxies only. */
    protected DigestRoutesResource() {
        this(null, null);
    }

    @POST
    @Path("get-faces")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "getFaces", summary = "Detect faces (multipart 'file'; optional confidence, max_faces): boxes, landmarks, scores, largest first")
    public DigestDtos.FacesResponse getFacesUpload(@RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
                    type = SchemaType.OBJECT, requiredProperties = {"file"},
                    properties = {@SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary"),
                    @SchemaProperty(name = "confidence", type = SchemaType.NUMBER),
                    @SchemaProperty(name = "max_faces", type = SchemaType.INTEGER)})))
            List<EntityPart> parts) {
        return routes.getFacesUpload(parts);
    }

    @POST
    @Path("get-faces")
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(BodyLimits.Kind.BASE64_IMAGES)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Detect faces of a base64 photo {\"image\": ..., \"confidence\", \"max_faces\"}: boxes, landmarks, scores")
    public DigestDtos.FacesResponse getFacesJson(DigestDtos.DigestImageRequest body) {
        return routes.getFacesJson(body);
    }

    @POST
    @Path("get-embedding")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "getEmbedding", summary = "Embeddings of every face (multipart 'file'); 'embedding' is the largest face's")
    public DigestDtos.EmbeddingResponse getEmbeddingUpload(@RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
                    type = SchemaType.OBJECT, requiredProperties = {"file"},
                    properties = {@SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary"),
                    @SchemaProperty(name = "confidence", type = SchemaType.NUMBER),
                    @SchemaProperty(name = "max_faces", type = SchemaType.INTEGER)})))
            List<EntityPart> parts) {
        return routes.getEmbeddingUpload(parts);
    }

    @POST
    @Path("get-embedding")
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(BodyLimits.Kind.BASE64_IMAGES)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Embeddings of every face of a base64 photo {\"image\": ...}; 'embedding' is the largest face's")
    public DigestDtos.EmbeddingResponse getEmbeddingJson(DigestDtos.DigestImageRequest body) {
        return routes.getEmbeddingJson(body);
    }

    @POST
    @Path("get-features")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "getFeatures", summary = "Face attributes (multipart 'file'): age, gender, quality verdict, anti-spoof score")
    public DigestDtos.FeaturesResponse getFeaturesUpload(@RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
                    type = SchemaType.OBJECT, requiredProperties = {"file"},
                    properties = {@SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary"),
                    @SchemaProperty(name = "confidence", type = SchemaType.NUMBER),
                    @SchemaProperty(name = "max_faces", type = SchemaType.INTEGER)})))
            List<EntityPart> parts) {
        return routes.getFeaturesUpload(parts);
    }

    @POST
    @Path("get-features")
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(BodyLimits.Kind.BASE64_IMAGES)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Face attributes of a base64 photo {\"image\": ...}: age, gender, quality verdict, anti-spoof score")
    public DigestDtos.FeaturesResponse getFeaturesJson(DigestDtos.DigestImageRequest body) {
        return routes.getFeaturesJson(body);
    }

    @POST
    @Path("cluster-faces")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "clusterFaces", summary = "The people of a group {group_id} (absent: of the whole tenant): clusters with size,"
            + " representative face, face ids and image paths, and the unclustered faces; optional min_similarity,"
            + " min_faces, recluster")
    public DigestDtos.ClusterFacesResponse clusterFaces(DigestDtos.ClusterFacesRequest body) {
        return routes.clusterFaces(body);
    }

    @POST
    @Path("search-face")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "searchFace", summary = "Stored faces most similar to the largest face (faces=all: every face) of the uploaded photo"
            + " (field 'file'; optional fields group_id, top_k, min_similarity, faces, site, from, to, ef_search, model)")
    public SearchDtos.SearchFaceResponse searchFaceUpload(@RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
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
        return search.searchUpload(parts);
    }

    @POST
    @Path("search-face")
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(BodyLimits.Kind.BASE64_IMAGES)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stored faces most similar to a photo ({\"image\": base64}) or to an embedding"
            + " ({\"embedding\": [...]}), with group_id, top_k, min_similarity, faces, site, from, to, ef_search, model")
    public SearchDtos.SearchFaceResponse searchFaceJson(SearchDtos.SearchFaceRequest body) {
        return search.searchJson(body);
    }
}
