package dev.visage.ingest.application;

import java.util.List;
import java.util.UUID;

/**
 * The face pipeline for images that a batch already holds (a digest's file, an S3 object, a ZIP
 * entry), stored into a group. A group is its own gallery: faces are unique per (tenant, group,
 * image sha256, face index), so the same photo digested into two groups has faces in both, and
 * the same photo twice into one group (or a resumed batch) leaves one set of rows. Tenant-wide
 * dedup, meant for crawled images, does not apply. Joins the caller's transaction.
 */
public interface GroupIngest {

    /** Runs the pipeline; the outcome lists every face of the image stored in the group, new or already there. */
    Outcome ingest(GroupImage image) throws FacePipeline.PermanentFailure, FacePipeline.TransientFailure;

    /**
     * @param imagePath     where the batch found the image, stored on each face
     * @param bucket        the object store bucket holding the bytes, or null (a digest's local file)
     * @param key           its key, or null
     * @param site          the kind of source, stored as the faces' site (e.g. {@code digest}, {@code zip})
     * @param url           names the source (file:, s3:, zip: URIs), stored as the faces' url
     * @param minConfidence detector score a face needs (0..1)
     */
    record GroupImage(String tenantId, String groupId, String imagePath, String bucket, String key, String site,
                      String url, byte[] content, double minConfidence) {

        public GroupImage {
            if (groupId == null || groupId.isBlank()) {
                throw new IllegalArgumentException("a group image needs a group id");
            }
        }
    }

    /**
     * @param facesDetected every face the detector found, stored or not (quality gate)
     * @param warnings damage the decoder recovered from (e.g. {@code truncated: ...}); empty when sound
     */
    record Outcome(String imageSha256, int facesDetected, List<StoredFace> faces, List<String> warnings) {
    }

    /** @param facialArea x, y, width, height in photo pixels */
    record StoredFace(UUID id, int faceIndex, double detectionConfidence, List<Double> facialArea) {
    }
}
