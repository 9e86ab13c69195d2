package dev.visage.gallery.application.internal;

import dev.visage.inference.application.EmbeddingModel;
import dev.visage.inference.application.FaceAnalyzer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Which recogniser's vectors a tenant's gallery holds, i.e. which model probes must be embedded with. */
@ApplicationScoped
public class TenantModels {

    private final FaceAnalyzer analyzer;

    @Inject
    public TenantModels(FaceAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** For CDI proxies only. */
    protected TenantModels() {
        this(null);
    }

    public EmbeddingModel current(String tenantId) {
        return configured();
    }

    public EmbeddingModel configured() {
        return analyzer.embeddingModel(analyzer.embeddingModel()).orElseThrow();
    }
}
