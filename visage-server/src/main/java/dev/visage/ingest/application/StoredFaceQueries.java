package dev.visage.ingest.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Read-only views over the faces the pipeline stored (the {@code faces} gallery) of every
 * tenant, for operators (the admin console): no embeddings, but their stored thumbnails.
 */
public interface StoredFaceQueries {

    /** Every tenant with stored faces, by tenant id. */
    List<TenantFaces> tenants();

    /** The tenant's faces, newest first. */
    FacePage list(String tenantId, int limit, int offset);

    /** The face's stored thumbnail (JPEG); empty when the face or its thumbnail is gone. */
    Optional<byte[]> thumbnail(UUID faceId);

    record TenantFaces(String tenantId, long faces, long images, Instant lastStoredAt) {
    }

    /**
     * @param bbox       [x, y, w, h] in the image's pixels
     * @param sharpness  variance of the Laplacian of the 112 px crop
     */
    record StoredFace(UUID id, String tenantId, String imageSha256, int faceIndex, List<Double> bbox, double detScore,
                      Double sharpness, Double yaw, Double roll, Double antispoof, Double age, String gender,
                      String site, String url, String groupId, String model, Instant createdAt) {
    }

    record FacePage(List<StoredFace> items, long total) {
    }
}
