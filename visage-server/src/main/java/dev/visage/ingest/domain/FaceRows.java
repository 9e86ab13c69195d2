package dev.visage.ingest.domain;

import dev.visage.inference.application.AnalyzedFace;
import dev.visage.ingest.application.GroupIngest;
import dev.visage.contracts.ingest.IngestMessage;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The rows the face pipeline indexes (V10__ingest_faces.sql): one ingested_images row per image and one
 * faces row per stored face. Both writes are idempotent, so a redelivered message changes nothing: the
 * image row only moves its updated_at, a face row that exists (tenant, group, sha256, face index) stays.
 */
public interface FaceRows {

    /** An analysed image and what became of its faces. */
    record Image(IngestMessage message, String sha256, String phashHex, int width, int height, int facesDetected,
                 int facesStored, int facesRejected, int facesDupSkipped, String metadataKey, OffsetDateTime at,
                 List<String> warnings) {
    }

    /**
     * One stored face of an image.
     *
     * @param model     the recogniser that embedded it, name@version
     * @param imagePath where a batch found the image; null for queue messages
     */
    record Face(int faceIndex, AnalyzedFace face, String model, String dedupKey, String cropBucket, String cropKey,
                String thumbKey, String imagePath) {
    }

    void saveImage(Image image);

    void saveFace(Image image, Face face);

    /** The group's faces of one image, by face index: those just saved and those an earlier run left. */
    List<GroupIngest.StoredFace> groupFaces(String tenantId, String groupId, String sha256);
}
