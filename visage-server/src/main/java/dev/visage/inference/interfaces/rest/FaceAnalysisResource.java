package dev.visage.inference.interfaces.rest;

import dev.visage.shared.interfaces.rest.BodyLimit;
import dev.visage.shared.interfaces.rest.BodyLimits;
import dev.visage.inference.application.AnalysisResult;
import dev.visage.inference.application.AnalyzeOptions;
import dev.visage.inference.application.FaceAnalyzer;
import dev.visage.inference.application.UndecodableImageException;
import dev.visage.shared.interfaces.rest.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Synchronous face analysis of one photo: detection, keypoints, quality, age/gender,
 * anti-spoofing and (on request) the embedding.
 */
@Path("api/v1/faces")
@Tag(name = "Faces")
@Produces(MediaType.APPLICATION_JSON)
public class FaceAnalysisResource {

    private final FaceAnalyzer analyzer;
    private final int defaultMaxFaces;
    private final BodyLimits limits;

    @Inject
    public FaceAnalysisResource(FaceAnalyzer analyzer,
                                @ConfigProperty(name = "visage.analyze.max-faces") int defaultMaxFaces,
                                BodyLimits limits) {
        this.analyzer = analyzer;
        this.defaultMaxFaces = defaultMaxFaces;
        this.limits = limits;
    }

    /** For CDI proxies only. */
    protected FaceAnalysisResource() {
        this(null, 100, null);
    }

    /** JSON body: the photo as base64 (a {@code data:} URL prefix is accepted). */
    public record AnalyzeRequest(String image) {
    }

    @POST
    @Path("analyze")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "analyzeFaces", summary = "Analyse the faces of a photo (multipart field 'file')")
    public AnalysisDto analyzeUpload(@RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
                    type = SchemaType.OBJECT, requiredProperties = {"file"},
                    properties = {@SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary")})))
            List<EntityPart> parts,
            @Parameter(description = "the photo is one pre-aligned face crop (ArcFace 112 template); no detection")
            @QueryParam("aligned") String aligned,
            @Parameter(description = "include the L2-normalised embedding of each face")
            @QueryParam("include_embedding") String includeEmbedding,
            @Parameter(description = "at most this many faces, largest first") @QueryParam("max_faces") String maxFaces,
            @Parameter(description = "detector score threshold 0..1") @QueryParam("min_score") String minScore) {
        Optional<EntityPart> file = parts == null ? Optional.empty()
                : parts.stream().filter(p -> "file".equals(p.getName())).findFirst();
        if (file.isEmpty()) {
            throw ProblemException.badRequest("file", "multipart field 'file' is required");
        }
        AnalyzeOptions options = options(aligned, includeEmbedding, maxFaces, minScore);
        return analyze(limits.readImage("file", file.get().getContent()), options, "file");
    }

    @POST
    @Path("analyze")
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(BodyLimits.Kind.BASE64_IMAGES)
    @Operation(summary = "Analyse the faces of a photo given as base64 in {\"image\": ...}")
    public AnalysisDto analyzeBase64(AnalyzeRequest request,
            @QueryParam("aligned") String aligned,
            @QueryParam("include_embedding") String includeEmbedding,
            @QueryParam("max_faces") String maxFaces,
            @QueryParam("min_score") String minScore) {
        if (request == null || request.image() == null || request.image().isBlank()) {
            throw ProblemException.badRequest("image", "a base64-encoded photo is required");
        }
        AnalyzeOptions options = options(aligned, includeEmbedding, maxFaces, minScore);
        return analyze(limits.base64Image("image", request.image()), options, "image");
    }

    private AnalysisDto analyze(byte[] bytes, AnalyzeOptions options, String field) {
        try {
            AnalysisResult result = analyzer.analyze(bytes, options);
            return AnalysisDto.of(result, analyzer.embeddingModel());
        } catch (UndecodableImageException e) {
            throw ProblemException.badRequest(field, e.getMessage());
        }
    }

    private AnalyzeOptions options(String aligned, String includeEmbedding, String maxFaces, String minScore) {
        AnalyzeOptions options = new AnalyzeOptions(bool("aligned", aligned, false),
                bool("include_embedding", includeEmbedding, false), defaultMaxFaces, OptionalDouble.empty());
        if (maxFaces != null && !maxFaces.isBlank()) {
            int value;
            try {
                value = Integer.parseInt(maxFaces.strip());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("max_faces", "not an integer");
            }
            if (value < 1) {
                throw ProblemException.badRequest("max_faces", "must be at least 1");
            }
            options = options.withMaxFaces(value);
        }
        if (minScore != null && !minScore.isBlank()) {
            double value;
            try {
                value = Double.parseDouble(minScore.strip());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("min_score", "not a number");
            }
            if (!(value > 0 && value < 1)) {
                throw ProblemException.badRequest("min_score", "must be between 0 and 1 (exclusive)");
            }
            options = options.withMinScore(value);
        }
        return options;
    }

    private static boolean bool(String name, String value, boolean fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ProblemException.badRequest(name, "must be true or false");
        };
    }
}
