package dev.visage.gallery.application.internal;

import dev.visage.inference.application.EmbeddingModel;
import dev.visage.inference.application.FaceAnalyzer;
import dev.visage.ingest.application.TenantEmbeddings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Which recogniser's vectors a tenant's gallery holds, i.e. which model probes must be embedded with. */
@ApplicationScoped
public class TenantModels {

    private final FaceAnalyzer analyzer;
    private final TenantEmbeddings embeddings;

    @Inject
    public TenantModels(FaceAnalyzer analyzer, TenantEmbeddings embeddings) {
        this.analyzer = analyzer;
        this.embeddings = embeddings;
    }

    /** For CDI proxies only. */
    protected TenantModels() {
        this(null, null);
    }

    /** The recogniser of the tenant's stored faces: the configured one until a re-index switched it. */
    public EmbeddingModel current(String tenantId) {
        return embeddings.model(tenantId).flatMap(analyzer::embeddingModel).orElseGet(this::configured);
    }

    public EmbeddingModel configured() {
        return analyzer.embeddingModel(analyzer.embeddingModel()).orElseThrow();
    }
}
