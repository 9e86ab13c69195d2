package dev.visage.gallery.application.internal;

import dev.visage.gallery.application.FaceSearch;
import dev.visage.gallery.application.GalleryException;
import dev.visage.inference.application.AnalysisResult;
import dev.visage.inference.application.AnalyzeOptions;
import dev.visage.inference.application.AnalyzedFace;
import dev.visage.inference.application.EmbeddingModel;
import dev.visage.inference.application.FaceAnalyzer;
import dev.visage.inference.application.MatchThresholds;
import dev.visage.inference.application.UndecodableImageException;
import dev.visage.ingest.application.StoredFaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Embeds the probe with the recogniser of the tenant's gallery (vectors of different models are never
 * compared) and asks {@link StoredFaces} for the nearest faces of each probe face.
 */
@ApplicationScoped
public class DefaultFaceSearch implements FaceSearch {

    private final FaceAnalyzer analyzer;
    private final MatchThresholds thresholds;
    private final StoredFaces faces;
    private final TenantModels models;
    private final int efSearch;
    private final int maxTopK;
    private final int maxQueryFaces;
    private final double minFacePx;

    @Inject
    public DefaultFaceSearch(FaceAnalyzer analyzer, MatchThresholds thresholds, StoredFaces faces, TenantModels models,
                             @ConfigProperty(name = "visage.search.ef-search") int efSearch,
                             @ConfigProperty(name = "visage.search.max-top-k") int maxTopK,
                             @ConfigProperty(name = "visage.search.max-query-faces") int maxQueryFaces,
                             @ConfigProperty(name = "visage.gallery.min-face-px") double minFacePx) {
        this.analyzer = analyzer;
        this.thresholds = thresholds;
        this.faces = faces;
        this.models = models;
        this.efSearch = efSearch;
        this.maxTopK = maxTopK;
        this.maxQueryFaces = maxQueryFaces;
        this.minFacePx = minFacePx;
    }

    /** For CDI proxies only. */
    protected DefaultFaceSearch() {
        this(null, null, null, null, 40, 1, 1, 0);
    }

    @Override
    public SearchResult search(SearchRequest r) throws GalleryException {
        SearchResult result = search(r, r.model() == null ? models.current(r.tenantId()) : null);
        if (r.model() == null && !models.current(r.tenantId()).model().equals(result.model())) {
            // a re-index switched the tenant while we searched (the old vectors are gone): once more, new model
            result = search(r, models.current(r.tenantId()));
        }
        return result;
    }

    private SearchResult search(SearchRequest r, EmbeddingModel tenantModel) throws GalleryException {
        if (r.topK() < 1 || r.topK() > maxTopK) {
            throw GalleryException.invalid("top_k", "must be between 1 and " + maxTopK);
        }
        if (!(r.minSimilarity() >= -1 && r.minSimilarity() <= 1)) {
            throw GalleryException.invalid("min_similarity", "must be between -1 and 1");
        }
        if (r.efSearch() != null && (r.efSearch() < 1 || r.efSearch() > 1000)) {
            throw GalleryException.invalid("ef_search", "must be between 1 and 1000");
        }
        if (r.from() != null && r.to() != null && !r.from().isBefore(r.to())) {
            throw GalleryException.invalid("to", "must be after from");
        }
        if ((r.image() == null) == (r.embedding() == null)) {
            throw GalleryException.invalid("image", "give exactly one of image and embedding");
        }
        EmbeddingModel model = r.model() == null ? tenantModel
                : analyzer.embeddingModel(r.model()).orElseThrow(() -> GalleryException.invalid("model",
                        "unknown recogniser; known: " + analyzer.embeddingModels().stream().map(EmbeddingModel::model).toList()));
        double threshold;
        try {
            threshold = thresholds.sameFace(model.model(), java.util.Optional.ofNullable(r.operatingPoint()));
        } catch (IllegalArgumentException e) {
            throw GalleryException.invalid("operating_point", e.getMessage());
        }
        List<QueryFace> queryFaces = new ArrayList<>();
        List<float[]> probes = new ArrayList<>();
        if (r.image() != null) {
            AnalysisResult analysis;
            try {
                // a search answers with boxes and matches: no age, gender or anti-spoof to compute; faces are
                // detected as the pipeline detected the stored ones, so a stored photo finds itself at 1.0
                analysis = analyzer.analyze(r.image(), AnalyzeOptions.defaults().withEmbedder(model.model())
                        .withMaxFaces(r.faces() == Faces.ALL ? maxQueryFaces : 1).withAttributes(false)
                        .withMinFacePx(minFacePx));
            } catch (UndecodableImageException e) {
                throw GalleryException.invalid("image", e.getMessage());
            }
            if (analysis.faces().isEmpty()) {
                throw GalleryException.unprocessable("image", "no face found in the image");
            }
            for (int i = 0; i < analysis.faces().size(); i++) {
                AnalyzedFace f = analysis.faces().get(i);
                queryFaces.add(new QueryFace(i, new Box(f.box().x(), f.box().y(), f.box().width(), f.box().height()),
                        f.score()));
                probes.add(f.embedding().vector());
            }
        } else {
            float[] v = r.embedding();
            if (v.length != model.dimensions()) {
                throw GalleryException.unprocessable("embedding", model.model() + " vectors have " + model.dimensions()
                        + " dimensions, not " + v.length);
            }
            double norm = 0;
            for (float x : v) {
                norm += (double) x * x;
            }
            if (!(norm > 0) || Double.isInfinite(norm)) {
                throw GalleryException.invalid("embedding", "must be a finite, non-zero vector");
            }
            queryFaces.add(new QueryFace(0, null, null));
            probes.add(v);
        }
        StoredFaces.Filter filter = new StoredFaces.Filter(r.groupId(), r.site(), r.from(), r.to());
        int ef = r.efSearch() == null ? efSearch : r.efSearch();
        List<Match> matches = new ArrayList<>();
        for (int q = 0; q < probes.size(); q++) {
            for (StoredFaces.Match m : faces.nearest(new StoredFaces.NearestQuery(r.tenantId(), model.model(),
                    probes.get(q), r.topK(), r.minSimilarity(), filter, ef, r.efSearch() != null))) {
                StoredFaces.StoredFace f = m.face();
                matches.add(new Match(q, f.id(), m.similarity(), m.similarity() >= threshold, f.groupId(),
                        f.site(), f.url(), imagePath(f), f.imageSha256(), f.faceIndex(),
                        new Box(f.x(), f.y(), f.width(), f.height()), f.cropKey() != null, f.createdAt()));
            }
        }
        return new SearchResult(model.model(), threshold, queryFaces, matches);
    }

    /** Where the photo came from: the digested file or ZIP entry, else the stored object ({@code bucket/key}). */
    static String imagePath(StoredFaces.StoredFace f) {
        if (f.sourcePath() != null) {
            return f.sourcePath();
        }
        return f.imageBucket() == null ? null : f.imageBucket() + "/" + f.imageKey();
    }
}
