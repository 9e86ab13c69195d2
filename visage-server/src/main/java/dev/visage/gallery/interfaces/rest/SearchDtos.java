package dev.visage.gallery.interfaces.rest;

import dev.visage.gallery.application.FaceSearch;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** JSON of the search endpoints (snake_case on the wire). */
final class SearchDtos {

    private SearchDtos() {
    }

    /**
     * Exactly one of {@code image} (base64) and {@code embedding}. {@code faces}: largest (default) or all.
     * {@code from}/{@code to}: ISO-8601 dates or date-times on the faces' creation time.
     */
    public record SearchFaceRequest(String image, float[] embedding, String model, String groupId, Integer topK,
                                    Double minSimilarity, String faces, String site, String from, String to,
                                    Integer efSearch, String operatingPoint) {
    }

    @JsonbNillable
    public record MatchDto(String faceId, double similarity, String groupId, String imagePath, double[] bbox,
                           String cropUrl, int queryFace, boolean samePerson, String site, String url,
                           String imageSha256, int faceIndex, Instant createdAt) {
    }

    @JsonbNillable
    public record QueryFaceDto(int index, double[] bbox, Double score) {
    }

    /**
     * @param matches    most similar first (per probe face)
     * @param threshold  the model's calibrated same-person similarity ({@code same_person} of each match)
     */
    public record SearchFaceResponse(List<MatchDto> matches, List<QueryFaceDto> queryFaces, String model,
                                     double threshold) {
    }

    static double[] box(FaceSearch.Box b) {
        return b == null ? null : new double[] {round(b.x()), round(b.y()), round(b.width()), round(b.height())};
    }

    static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static String cropUrl(UUID faceId) {
        return "/api/v1/gallery/faces/" + faceId + "/crop";
    }

    static SearchFaceResponse of(FaceSearch.SearchResult r) {
        return new SearchFaceResponse(r.matches().stream().map(m -> new MatchDto(m.faceId().toString(), m.similarity(),
                        m.groupId(), m.imagePath(), box(m.bbox()), m.hasCrop() ? cropUrl(m.faceId()) : null, m.queryFace(),
                        m.samePerson(), m.site(), m.url(), m.imageSha256(), m.faceIndex(), m.createdAt())).toList(),
                r.queryFaces().stream().map(q -> new QueryFaceDto(q.index(), box(q.bbox()), q.score())).toList(),
                r.model(), r.threshold());
    }
}
