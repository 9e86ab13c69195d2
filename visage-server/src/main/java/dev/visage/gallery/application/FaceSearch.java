package dev.visage.gallery.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * "Where else does this person appear?": the stored faces of the caller's tenant most similar to a
 * photo's largest face (or to each of its faces), or to a given embedding, filtered by group, site and
 * date; through pgvector's HNSW index.
 */
public interface FaceSearch {

    SearchResult search(SearchRequest request) throws GalleryException;

    /** Which faces of the probe photo are searched. */
    enum Faces { LARGEST, ALL }

    /**
     * Exactly one of {@code image} and {@code embedding}. {@code model} (name@version) says which recogniser
     * produced the embedding; null means the tenant's current model. {@code efSearch} null: the configured one,
     * and searches whose filters leave few faces are exact; given: always through the HNSW index with it.
     * {@code operatingPoint} (strict, balanced) picks the same-person threshold of {@link Match#samePerson()};
     * null: the model's default threshold.
     */
    record SearchRequest(String tenantId, byte[] image, float[] embedding, String model, Faces faces, int topK,
                         double minSimilarity, String groupId, String site, Instant from, Instant to,
                         Integer efSearch, String operatingPoint) {
    }

    /** A face of the probe photo that was searched ({@code index}: 0 = largest); null box for an embedding probe. */
    record QueryFace(int index, Box bbox, Double score) {
    }

    /** Top-left corner, width and height in the photo's pixels. */
    record Box(double x, double y, double width, double height) {
    }

    /**
     * @param queryFace  which probe face this matches (its {@link QueryFace#index()})
     * @param samePerson similarity at or above the model's calibrated match threshold
     * @param imagePath  the source image: the digested file or ZIP entry, else the object ({@code bucket/key})
     */
    record Match(int queryFace, UUID faceId, double similarity, boolean samePerson, String groupId, String site,
                 String url, String imagePath, String imageSha256, int faceIndex, Box bbox, boolean hasCrop,
                 Instant createdAt) {
    }

    /** @param threshold the same-person similarity used: the model's default or the requested operating point's */
    record SearchResult(String model, double threshold, List<QueryFace> queryFaces, List<Match> matches) {
    }
}
