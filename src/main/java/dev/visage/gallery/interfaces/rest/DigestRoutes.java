package dev.visage.gallery.interfaces.rest;

import dev.visage.access.application.CallerContext;
import dev.visage.gallery.application.Clustering;
import dev.visage.gallery.application.GalleryException;
import dev.visage.inference.application.AnalysisResult;
import dev.visage.inference.application.AnalyzeOptions;
import dev.visage.inference.application.AnalyzedFace;
import dev.visage.inference.application.FaceAnalyzer;
import dev.visage.inference.application.UndecodableImageException;
import dev.visage.shared.interfaces.rest.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The digest service's face routes, thin over the inference and gallery services: {@code /get-faces}
 * (detection: boxes, landmarks, scores), {@code /get-features} (age, gender, quality, anti-spoof score),
 * {@code /get-embedding}, {@code /cluster-faces}. Served at the root (existing clients) and under
 * {@code /api/v1} (subclasses); the same API keys as every route.
 */
abstract class DigestRoutes {

    private final FaceAnalyzer analyzer;
    private final Clustering clustering;
    private final CallerContext caller;
    private final int maxBytes;
    private final int maxFaces;

    DigestRoutes(FaceAnalyzer analyzer, Clustering clustering, CallerContext caller, int maxBytes, int maxFaces) {
        this.analyzer = analyzer;
        this.clustering = clustering;
        this.caller = caller;
        this.maxBytes = maxBytes;
        this.maxFaces = maxFaces;
    }

    @POST
    @Path("get-faces")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Detect faces (multipart 'file'; optional confidence, max_faces): boxes, landmarks, scores, largest first")
    public DigestDtos.FacesResponse getFacesUpload(List<EntityPart> parts) {
        return faces(analyze(parts, false));
    }

    @POST
    @Path("get-faces")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Detect faces of a base64 photo {\"image\": ...}: boxes, landmarks, scores, largest first")
    public DigestDtos.FacesResponse getFacesJson(DigestDtos.ImageRequest body) {
        return faces(analyze(body, false));
    }

    @POST
    @Path("get-features")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Face attributes (multipart 'file'): age, gender, quality verdict, anti-spoof score")
    public DigestDtos.FeaturesResponse getFeaturesUpload(List<EntityPart> parts) {
        return features(analyze(parts, false));
    }

    @POST
    @Path("get-features")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Face attributes of a base64 photo: age, gender, quality verdict, anti-spoof score")
    public DigestDtos.FeaturesResponse getFeaturesJson(DigestDtos.ImageRequest body) {
        return features(analyze(body, false));
    }

    @POST
    @Path("get-embedding")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Embeddings of every face (multipart 'file'); 'embedding' is the largest face's")
    public DigestDtos.EmbeddingResponse getEmbeddingUpload(List<EntityPart> parts) {
        return embeddings(analyze(parts, true));
    }

    @POST
    @Path("get-embedding")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Embeddings of every face of a base64 photo; 'embedding' is the largest face's")
    public DigestDtos.EmbeddingResponse getEmbeddingJson(DigestDtos.ImageRequest body) {
        return embeddings(analyze(body, true));
    }

    @POST
    @Path("cluster-faces")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The people of a group {group_id} (absent: of the whole tenant): clusters with size,"
            + " representative face, face ids and image paths, and the unclustered faces; optional min_similarity,"
            + " min_faces, recluster")
    public DigestDtos.ClusterFacesResponse clusterFaces(DigestDtos.ClusterFacesRequest body) {
        DigestDtos.ClusterFacesRequest r = body == null ? new DigestDtos.ClusterFacesRequest(null, null, null, null) : body;
        String group = r.groupId() == null || r.groupId().isBlank() ? null : r.groupId().strip();
        try {
            return DigestDtos.clusters(clustering.clusterFaces(caller.tenantId(), group,
                    new Clustering.Params(r.minSimilarity(), r.minFaces()), Boolean.TRUE.equals(r.recluster())));
        } catch (GalleryException e) {
            throw GalleryProblems.of(e);
        }
    }

    private AnalysisResult analyze(List<EntityPart> parts, boolean embed) {
        Forms form = new Forms(parts, maxBytes);
        return analyze(form.file("file"), Forms.number("confidence", form.text("confidence")),
                Forms.integer("max_faces", form.text("max_faces")), embed, "file");
    }

    private AnalysisResult analyze(DigestDtos.ImageRequest body, boolean embed) {
        byte[] image = body == null ? null : Forms.base64("image", body.image(), maxBytes);
        if (image == null) {
            throw ProblemException.badRequest("image", "a base64-encoded photo is required");
        }
        return analyze(image, body.confidence(), body.maxFaces(), embed, "image");
    }

    private AnalysisResult analyze(byte[] image, Double confidence, Integer faces, boolean embed, String field) {
        AnalyzeOptions options = AnalyzeOptions.defaults().withIncludeEmbedding(embed).withMaxFaces(maxFaces);
        if (confidence != null) {
            if (!(confidence > 0 && confidence < 1)) {
                throw ProblemException.badRequest("confidence", "must be between 0 and 1 (exclusive)");
            }
            options = options.withMinScore(confidence);
        }
        if (faces != null) {
            if (faces < 1) {
                throw ProblemException.badRequest("max_faces", "must be at least 1");
            }
            options = options.withMaxFaces(faces);
        }
        try {
            return analyzer.analyze(image, options);
        } catch (UndecodableImageException e) {
            throw ProblemException.badRequest(field, e.getMessage());
        }
    }

    private static DigestDtos.FacesResponse faces(AnalysisResult r) {
        List<DigestDtos.DetectedFace> faces = new ArrayList<>();
        for (int i = 0; i < r.faces().size(); i++) {
            faces.add(DigestDtos.detected(i, r.faces().get(i)));
        }
        return new DigestDtos.FacesResponse(faces, faces.size(), new DigestDtos.ImageSize(r.width(), r.height()));
    }

    private static DigestDtos.FeaturesResponse features(AnalysisResult r) {
        List<DigestDtos.Features> faces = new ArrayList<>();
        for (int i = 0; i < r.faces().size(); i++) {
            faces.add(DigestDtos.features(i, r.faces().get(i)));
        }
        return new DigestDtos.FeaturesResponse(faces, faces.size(), new DigestDtos.ImageSize(r.width(), r.height()));
    }

    private DigestDtos.EmbeddingResponse embeddings(AnalysisResult r) {
        List<DigestDtos.FaceEmbedding> faces = new ArrayList<>();
        for (int i = 0; i < r.faces().size(); i++) {
            AnalyzedFace f = r.faces().get(i);
            faces.add(new DigestDtos.FaceEmbedding(i, DigestDtos.bbox(f), DigestDtos.area(f), DigestDtos.r4(f.score()),
                    f.embedding().vector()));
        }
        String model = analyzer.embeddingModel();
        int dims = analyzer.embeddingModel(model).map(m -> m.dimensions()).orElse(0);
        return new DigestDtos.EmbeddingResponse(faces.isEmpty() ? null : faces.get(0).embedding(), model, dims, faces,
                faces.size());
    }
}
