package dev.visage.gallery.interfaces.rest;

import dev.visage.access.application.CallerContext;
import dev.visage.gallery.application.GalleryFaces;
import dev.visage.shared.interfaces.rest.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import dev.visage.shared.interfaces.rest.ProblemResponsesFilter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One stored face of the caller's tenant: its record and clusters, and its crop (the crop_url of search results). */
@RequestScoped
@Path("api/v1/gallery/faces")
@Tag(name = "Gallery")
public class GalleryFacesResource {

    private final GalleryFaces faces;
    private final CallerContext caller;

    @Inject
    public GalleryFacesResource(GalleryFaces faces, CallerContext caller) {
        this.faces = faces;
        this.caller = caller;
    }

    /** For CDI proxies only. */
    protected GalleryFacesResource() {
        this(null, null);
    }

    @JsonbNillable
    public record FaceClusterDto(String groupId, String clusterId, String name) {
    }

    @JsonbNillable
    public record StoredFaceDto(String faceId, String groupId, String site, String url, String imagePath, String imageSha256,
                          int faceIndex, double[] bbox, double detScore, Double sharpness, Double age, String gender,
                          Double antispoof, String model, String cropUrl, Instant createdAt,
                          List<FaceClusterDto> clusters) {
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "getGalleryFace", summary = "A stored face: source image, box, scores, attributes, model, and the clusters it is in")
    public StoredFaceDto face(@PathParam("id") String id) {
        GalleryFaces.FaceDetails f = faces.face(caller.tenantId(), uuid(id))
                .orElseThrow(() -> ProblemException.notFound("no such face: " + id));
        return new StoredFaceDto(f.faceId().toString(), f.groupId(), f.site(), f.url(), f.imagePath(), f.imageSha256(),
                f.faceIndex(), SearchDtos.box(f.bbox()), f.detScore(), f.sharpness(), f.age(), f.gender(), f.antispoof(),
                f.model(), f.hasCrop() ? SearchDtos.cropUrl(f.faceId()) : null, f.createdAt(),
                f.clusters().stream().map(m -> new FaceClusterDto(m.groupId(), m.clusterId().toString(), m.name()))
                        .toList());
    }

    @GET
    @Path("{id}/crop")
    @Produces("image/jpeg")
    @Extension(name = ProblemResponsesFilter.PROBLEMS, value = "404")
    @Operation(operationId = "getGalleryFaceCrop", summary = "The face's crop (JPEG: the detector box plus padding)")
    public Response crop(@PathParam("id") String id) throws IOException {
        Optional<InputStream> crop = faces.crop(caller.tenantId(), uuid(id));
        if (crop.isEmpty()) {
            throw ProblemException.notFound("no crop for face " + id);
        }
        InputStream in = crop.get();
        StreamingOutput body = out -> {
            try (in) {
                in.transferTo(out);
            }
        };
        return Response.ok(body, "image/jpeg").build();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("no such face: " + id);
        }
    }
}
