package dev.visage.gallery.interfaces.rest;

import dev.visage.access.application.CallerContext;
import dev.visage.gallery.application.FaceSearch;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Face search at /search-face (the digest service's route); see {@link SearchFaceEndpoint}. */
@RequestScoped
@Path("search-face")
@Tag(name = "Gallery")
public class SearchFaceResource extends SearchFaceEndpoint {

    @Inject
    public SearchFaceResource(FaceSearch search, CallerContext caller,
                @ConfigProperty(name = "visage.search.top-k") int defaultTopK,
                @ConfigProperty(name = "visage.search.min-similarity") double defaultMinSimilarity,
                @ConfigProperty(name = "visage.analyze.max-bytes") int maxBytes) {
        super(search, caller, defaultTopK, defaultMinSimilarity, maxBytes);
    }

    /** For CDI proxies only. */
    protected SearchFaceResource() {
        this(null, null, 10, 0, 0);
    }
}
