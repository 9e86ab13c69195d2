package dev.visage.batch.interfaces.rest;

import dev.visage.batch.application.BatchJobIds;
import dev.visage.batch.application.BatchJobView;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * A digest job as the digest service showed it (snake_case on the wire). The detail view adds
 * the errors, the decoder warnings of images processed despite damage ("path: truncated: ...",
 * the first 100) and one page of the upserted face ids; fields that do not apply are omitted.
 *
 * @param processedImages images finished, successfully or not ({@code failedImages} of them failed)
 * @param totalFaces      faces the detector found
 * @param facesProcessed  faces stored (or found already stored) in the group
 */
@JsonbPropertyOrder({"jobId", "status", "progress", "groupId", "sourceType", "source", "totalImages",
        "processedImages", "failedImages", "skippedFiles", "totalFaces", "facesProcessed", "threads", "confidence",
        "priority", "createdAt", "startTime", "endTime", "error", "errors", "errorsTotal", "warnings",
        "upsertedFaceIds",
        "upsertedFaceIdsTotal", "faceIdsPage", "faceIdsPageSize"})
public record DigestDto(String jobId, String status, int progress, String groupId, String sourceType, String source,
                        int totalImages, int processedImages, int failedImages, int skippedFiles, int totalFaces,
                        int facesProcessed, int threads, double confidence, int priority, Instant createdAt,
                        Instant startTime, Instant endTime, String error, List<String> errors, Long errorsTotal,
                        List<String> warnings, List<String> upsertedFaceIds, Long upsertedFaceIdsTotal, Integer faceIdsPage,
                        Integer faceIdsPageSize) {

    static DigestDto summary(BatchJobView j) {
        return new DigestDto(BatchJobIds.wire(j), j.status(), j.progress(), j.groupId(), j.sourceType(), j.source(),
                j.imagesTotal(), j.processed(), j.failed(), j.skipped(), j.facesDetected(), j.facesProcessed(),
                j.threads(), j.confidence(), j.priority(), j.createdAt(), j.startedAt(), j.finishedAt(), j.error(),
                null, null, null, null, null, null, null);
    }

    DigestDto withDetail(List<String> errors, long errorsTotal, List<String> warnings, List<String> faceIds,
                         long faceIdsTotal, int page, int pageSize) {
        return new DigestDto(jobId, status, progress, groupId, sourceType, source, totalImages, processedImages,
                failedImages, skippedFiles, totalFaces, facesProcessed, threads, confidence, priority, createdAt,
                startTime, endTime, error, errors, errorsTotal, warnings, faceIds, faceIdsTotal, page, pageSize);
    }

    /** The list answer of GET /get-digests. */
    public record DigestList(long totalJobs, int page, int pageSize, List<DigestDto> jobs) {
    }

    /** POST /digest's body (snake_case on the wire; the naming strategy would write s3bucket). */
    public record DigestRequestDto(String localDirPath, @JsonbProperty("s3_bucket") String s3Bucket,
                                   @JsonbProperty("s3_prefix") String s3Prefix, String groupId,
                                   Double confidence, Integer threads, Integer priority, String webhookUrl,
                                   String webhookSecret) {
    }
}
