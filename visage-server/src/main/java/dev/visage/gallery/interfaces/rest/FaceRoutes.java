package dev.visage.gallery.interfaces.rest;

import dev.visage.shared.interfaces.rest.BodyLimits;
import dev.visage.access.application.CallerContext;
import dev.visage.gallery.application.Clustering;
import dev.visage.gallery.application.GalleryException;
import dev.visage.inference.application.AnalysisResult;
import dev.visage.inference.application.AnalyzeOptions;
import dev.visage.inference.application.AnalyzedFace;
import dev.visage.inference.application.FaceAnalyzer;
import dev.visage.inference.application.UndecodableImageException;
import dev.visage.shared.interfaces.rest.ProblemException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityPart;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The digest service's face routes, thin over the inference and gallery services: {@code /get-faces}
 * (detection: boxes, landmarks, scores), {@code /get-features} (age, gender, quality, anti-spoof score),
 * {@code /get-embedding}, {@code /cluster-faces}. Each is served at the root (existing clients) and under
 * {@code /api/v1}: the root resource class declares the methods and delegates here, its {@code Api*}
 * subclass only adds the second path (a resource class has one path, and a root resource at "/"
 * would shadow the other root routes); the same API keys as every route.
 */
@Dependent
class FaceRoutes {

    private final FaceAnalyzer analyzer;
    private final Clustering clustering;
    private final CallerContext caller;
    private final BodyLimits limits;
    private final int maxFaces;
    private final double galleryMinFacePx;

    @Inject
    FaceRoutes(FaceAnalyzer analyzer, Clustering clustering, CallerContext caller,
               BodyLimits limits,
               @ConfigProperty(name = "visage.analyze.max-faces") int maxFaces,
               @ConfigProperty(name = "visage.gallery.min-face-px") double galleryMinFacePx) {
        this.analyzer = analyzer;
        this.clustering = clustering;
        this.caller = caller;
        this.limits = limits;
        this.maxFaces = maxFaces;
        this.galleryMinFacePx = galleryMinFacePx;
    }

    DigestDtos.FacesResponse getFacesUpload(List<EntityPart> parts) {
        return faces(analyze(parts, false));
    }

    DigestDtos.FacesResponse getFacesJson(DigestDtos.DigestImageRequest body) {
        return faces(analyze(body, false));
    }

    DigestDtos.FeaturesResponse getFeaturesUpload(List<EntityPart> parts) {
        return features(analyze(parts, false));
    }

    DigestDtos.FeaturesResponse getFeaturesJson(DigestDtos.DigestImageRequest body) {
        return features(analyze(body, false));
    }

    DigestDtos.EmbeddingResponse getEmbeddingUpload(List<EntityPart> parts) {
        return embeddings(analyze(parts, true));
    }

    DigestDtos.EmbeddingResponse getEmbeddingJson(DigestDtos.DigestImageRequest body) {
        return embeddings(analyze(body, true));
    }

    DigestDtos.ClusterFacesResponse clusterFaces(DigestDtos.ClusterFacesRequest body) {
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
        Forms form = new Forms(parts, limits);
        return analyze(form.file("file"), Forms.number("confidence", form.text("confidence")),
                Forms.integer("max_faces", form.text("max_faces")), embed, "file");
    }

    private AnalysisResult analyze(DigestDtos.DigestImageRequest body, boolean embed) {
        byte[] image = body == null ? null : Forms.base64("image", body.image(), limits);
        if (image == null) {
            throw ProblemException.badRequest("image", "a base64-encoded photo is required");
        }
        return analyze(image, body.confidence(), body.maxFaces(), embed, "image");
    }

    private AnalysisResult analyze(byte[] image, Double confidence, Integer faces, boolean embed, String field) {
        AnalyzeOptions options = AnalyzeOptions.defaults().withIncludeEmbedding(embed).withMaxFaces(maxFaces);
        if (embed) {
            // embeddings are compared with the gallery's: detect as the pipeline did, so a stored photo's
            // face gets the very same vector (the keypoints depend on the detection passes)
            options = options.withMinFacePx(galleryMinFacePx);
        }
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
        List<DigestDtos.DigestFace> faces = new ArrayList<>();
        for (int i = 0; i < r.faces().size(); i++) {
            faces.add(DigestDtos.detected(i, r.faces().get(i)));
        }
        return new DigestDtos.FacesResponse(faces, faces.size(), new DigestDtos.DigestImageSize(r.width(), r.height()));
    }

    private static DigestDtos.FeaturesResponse features(AnalysisResult r) {
        List<DigestDtos.DigestFeatures> faces = new ArrayList<>();
        for (int i = 0; i < r.faces().size(); i++) {
            faces.add(DigestDtos.features(i, r.faces().get(i)));
        }
        return new DigestDtos.FeaturesResponse(faces, faces.size(), new DigestDtos.DigestImageSize(r.width(), r.height()));
    }

    private DigestDtos.EmbeddingResponse embeddings(AnalysisResult r) {
        List<DigestDtos.DigestEmbedding> faces = new ArrayList<>();
        for (int i = 0; i < r.faces().size(); i++) {
            AnalyzedFace f = r.faces().get(i);
            faces.add(new DigestDtos.DigestEmbedding(i, DigestDtos.bbox(f), DigestDtos.area(f), DigestDtos.r4(f.score()),
                    f.embedding().vector()));
        }
        String model = analyzer.embeddingModel();
        int dims = analyzer.embeddingModel(model).map(m -> m.dimensions()).orElse(0);
        return new DigestDtos.EmbeddingResponse(faces.isEmpty() ? null : faces.get(0).embedding(), model, dims, faces,
                faces.size());
    }
}
