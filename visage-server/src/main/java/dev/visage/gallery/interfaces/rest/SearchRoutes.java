package dev.visage.gallery.interfaces.rest;

import dev.visage.shared.interfaces.rest.BodyLimits;
import dev.visage.access.application.CallerContext;
import dev.visage.gallery.application.FaceSearch;
import dev.visage.gallery.application.GalleryException;
import dev.visage.shared.interfaces.rest.ProblemException;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityPart;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /search-face} (the digest service's route) and {@code POST /api/v1/search-face}: one
 * implementation, used by {@link SearchFaceResource} and its subclass for the second path. Always within
 * the caller's tenant.
 */
@Dependent
class SearchRoutes {

    private final FaceSearch search;
    private final CallerContext caller;
    private final int defaultTopK;
    private final double defaultMinSimilarity;
    private final BodyLimits limits;

    @Inject
    SearchRoutes(FaceSearch search, CallerContext caller,
                 @ConfigProperty(name = "visage.search.top-k") int defaultTopK,
                 @ConfigProperty(name = "visage.search.min-similarity") double defaultMinSimilarity,
                 BodyLimits limits) {
        this.search = search;
        this.caller = caller;
        this.defaultTopK = defaultTopK;
        this.defaultMinSimilarity = defaultMinSimilarity;
        this.limits = limits;
    }

    SearchDtos.SearchFaceResponse searchUpload(List<EntityPart> parts) {
        Forms form = new Forms(parts, limits);
        byte[] image = form.file("file");
        return run(new FaceSearch.SearchRequest(caller.tenantId(), image, null, form.text("model"),
                faces(form.text("faces")), orDefault(Forms.integer("top_k", form.text("top_k")), defaultTopK),
                orDefault(Forms.number("min_similarity", form.text("min_similarity")), defaultMinSimilarity),
                form.text("group_id"), form.text("site"), Forms.instant("from", form.text("from")),
                Forms.instant("to", form.text("to")), Forms.integer("ef_search", form.text("ef_search")),
                form.text("operating_point")),
                Map.of("image", "file"));
    }

    SearchDtos.SearchFaceResponse searchJson(SearchDtos.SearchFaceRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("body", "a JSON object with image or embedding is required");
        }
        byte[] image = Forms.base64("image", body.image(), limits);
        return run(new FaceSearch.SearchRequest(caller.tenantId(), image, body.embedding(), body.model(),
                faces(body.faces()), orDefault(body.topK(), defaultTopK),
                orDefault(body.minSimilarity(), defaultMinSimilarity), blankToNull(body.groupId()),
                blankToNull(body.site()), Forms.instant("from", body.from()), Forms.instant("to", body.to()),
                body.efSearch(), blankToNull(body.operatingPoint())), Map.of());
    }

    private SearchDtos.SearchFaceResponse run(FaceSearch.SearchRequest request, Map<String, String> renames) {
        try {
            return SearchDtos.of(search.search(request));
        } catch (GalleryException e) {
            throw GalleryProblems.of(e, renames);
        }
    }

    static FaceSearch.Faces faces(String value) {
        if (value == null || value.isBlank()) {
            return FaceSearch.Faces.LARGEST;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "largest" -> FaceSearch.Faces.LARGEST;
            case "all", "every" -> FaceSearch.Faces.ALL;
            default -> throw ProblemException.badRequest("faces", "must be largest or all");
        };
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
