package dev.visage.recognition.interfaces.rest;

import dev.visage.recognition.application.Detection;
import dev.visage.recognition.application.FaceEmbedding;
import dev.visage.recognition.application.Recognition;
import dev.visage.recognition.application.RecognitionService;
import dev.visage.recognition.application.Verification;
import dev.visage.recognition.interfaces.rest.RecognitionDtos.ImageRequest;
import dev.visage.recognition.interfaces.rest.RecognitionDtos.VerifyPair;
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
 * The questions about photos that need no company: are two photos the same person, where are the faces,
 * what is the embedding of the largest. Images come as multipart files or as JSON base64 strings.
 */
@RequestScoped
@Path("api/v1")
@Tag(name = "Recognition")
@Produces(MediaType.APPLICATION_JSON)
public class PhotoResource {

    private final RecognitionService recognition;
    private final BodyLimits limits;

    @Inject
    public PhotoResource(RecognitionService recognition, BodyLimits limits) {
        this.recognition = recognition;
        this.limits = limits;
    }

    /** For CDI proxies only. */
    protected PhotoResource() {
        this(null, null);
    }

    @POST
    @Path("verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(value = BodyLimits.Kind.BASE64_IMAGES, images = 2)
    @Operation(summary = "Are two images ({image1, image2}) the same person? {match, similarity}")
    public Verification verify(VerifyPair body) {
        VerifyPair b = body == null ? new VerifyPair(null, null) : body;
        return recognition.verify(Parts.base64(limits, "image1", b.image1()), Parts.base64(limits, "image2", b.image2()));
    }

    @POST
    @Path("verify")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @BodyLimit(value = BodyLimits.Kind.IMAGES, images = 2)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "verifyPair", summary = "Are two images (multipart file1, file2) the same person? {match, similarity}")
    public Verification verifyUpload(@RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
                    type = SchemaType.OBJECT, requiredProperties = {"file1", "file2"},
                    properties = {@SchemaProperty(name = "file1", type = SchemaType.STRING, format = "binary"),
                    @SchemaProperty(name = "file2", type = SchemaType.STRING, format = "binary")})))
            List<EntityPart> parts) {
        Parts p = new Parts(parts, limits);
        return recognition.verify(p.file("file1"), p.file("file2"));
    }

    @POST
    @Path("detect")
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(BodyLimits.Kind.BASE64_IMAGES)
    @Operation(summary = "Faces in the image ({image}): {faces_count, bboxes}")
    public Detection detect(ImageRequest body) {
        return recognition.detect(Parts.base64(limits, "image", body == null ? null : body.image()));
    }

    @POST
    @Path("detect")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "detectFaces", summary = "Faces in the image (multipart file): {faces_count, bboxes}")
    public Detection detectUpload(@RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
                    type = SchemaType.OBJECT, requiredProperties = {"file"},
                    properties = {@SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary")})))
            List<EntityPart> parts) {
        return recognition.detect(new Parts(parts, limits).file("file"));
    }

    @POST
    @Path("embedding")
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(BodyLimits.Kind.BASE64_IMAGES)
    @Operation(summary = "L2-normalised embedding of the largest face ({image}): {embedding, model, bbox}")
    public FaceEmbedding embedding(ImageRequest body) {
        return recognition.embedding(Parts.base64(limits, "image", body == null ? null : body.image()));
    }

    @POST
    @Path("embedding")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "422")
    @Operation(operationId = "computeEmbedding", summary = "L2-normalised embedding of the largest face (multipart file): {embedding, model, bbox}")
    public FaceEmbedding embeddingUpload(@RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
                    type = SchemaType.OBJECT, requiredProperties = {"file"},
                    properties = {@SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary")})))
            List<EntityPart> parts) {
        return recognition.embedding(new Parts(parts, limits).file("file"));
    }
}
