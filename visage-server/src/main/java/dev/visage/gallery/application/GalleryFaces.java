package dev.visage.gallery.application;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Inspecting one stored face of the caller's tenant: its record, its crop, the clusters it is in. */
public interface GalleryFaces {

    Optional<FaceDetails> face(String tenantId, UUID faceId);

    /** The face's crop (JPEG) from the object store; empty when the face or its crop is missing. */
    Optional<InputStream> crop(String tenantId, UUID faceId) throws IOException;

    /**
     * @param imagePath the source image: the digested file or ZIP entry, else the object ({@code bucket/key})
     * @param clusters  the clusters (one per clustering scope) the face is in
     */
    record FaceDetails(UUID faceId, String groupId, String site, String url, String imagePath, String imageSha256,
                       int faceIndex, FaceSearch.Box bbox, double detScore, Double sharpness, Double age, String gender,
                       Double antispoof, String model, boolean hasCrop, Instant createdAt,
                       List<Membership> clusters) {
    }

    /** @param groupId the scope's group; null for the tenant-wide scope */
    record Membership(String groupId, UUID clusterId, String name) {
    }
}
