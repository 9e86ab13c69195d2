package dev.visage.gallery.application.internal;

import dev.visage.inference.application.EmbeddingModel;
import dev.visage.inference.application.FaceAnalyzer;
import dev.visage.inference.application.MatchThresholds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Clustering parameters: calibrated per recogniser (their similarity scales differ), see docs/calibration/. */
@ApplicationScoped
public class ClusterSettings {

    private final FaceAnalyzer analyzer;
    private final MatchThresholds thresholds;
    private final double faceapi;
    private final double faceres;
    private final double mobileface;
    private final int minFaces;
    private final int neighbours;
    private final int efSearch;

    @Inject
    public ClusterSettings(FaceAnalyzer analyzer, MatchThresholds thresholds,
                           @ConfigProperty(name = "visage.cluster.min-similarity.faceapi") double faceapi,
                           @ConfigProperty(name = "visage.cluster.min-similarity.faceres") double faceres,
                           @ConfigProperty(name = "visage.cluster.min-similarity.mobileface") double mobileface,
                           @ConfigProperty(name = "visage.cluster.min-faces") int minFaces,
                           @ConfigProperty(name = "visage.cluster.neighbours") int neighbours,
                           @ConfigProperty(name = "visage.search.ef-search") int efSearch) {
        this.analyzer = analyzer;
        this.thresholds = thresholds;
        this.faceapi = faceapi;
        this.faceres = faceres;
        this.mobileface = mobileface;
        this.minFaces = minFaces;
        this.neighbours = neighbours;
        this.efSearch = efSearch;
    }

    /** For CDI proxies only. */
    protected ClusterSettings() {
        this(null, null, 0.5, 0.5, 0.5, 2, 1, 1);
    }

    /** The calibrated similarity for the model (name@version); unknown models fall back to its match threshold. */
    public double minSimilarity(String model) {
        EmbeddingModel m = analyzer.embeddingModel(model).orElse(null);
        if (m == null) {
            throw new IllegalArgumentException("unknown recogniser " + model);
        }
        return switch (m.name()) {
            case "faceapi" -> faceapi;
            case "faceres" -> faceres;
            case "mobileface" -> mobileface;
            default -> thresholds.sameFace(m.model(), Optional.empty());
        };
    }

    /** Whether this instance can run the recogniser (faces of a model it does not know are not clustered). */
    public boolean knows(String model) {
        return analyzer.embeddingModel(model).isPresent();
    }

    public int minFaces() {
        return minFaces;
    }

    /** k of the k-nearest-neighbour graph. */
    public int neighbours() {
        return neighbours;
    }

    public int efSearch() {
        return Math.max(efSearch, neighbours + 1);
    }
}
