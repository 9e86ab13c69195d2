package dev.visage.batch.interfaces.rest;

import dev.visage.batch.application.BatchJobIds;
import dev.visage.batch.application.BatchJobView;
import dev.visage.batch.application.BatchJobs;
import dev.visage.batch.application.ZipBatchService;
import dev.visage.batch.domain.Progress;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The batch pipeline's answers: camelCase on the wire, as its clients read them. */
public final class BatchDtos {

    private BatchDtos() {
    }

    /** One skipped entry with its reason. */
    public record Skipped(@JsonbProperty("entry") String entry, @JsonbProperty("reason") String reason) {
    }

    /** POST /api/batch/upload-zip and /api/batch/add-images. */
    public record Uploaded(@JsonbProperty("success") boolean success, @JsonbProperty("batchId") String batchId,
                           @JsonbProperty("imageCount") int imageCount, @JsonbProperty("queued") int queued,
                           @JsonbProperty("status") String status,
                           @JsonbProperty("skippedCount") long skippedCount,
                           @JsonbProperty("skipped") List<Skipped> skipped,
                           @JsonbProperty("stopped") String stopped) {

        static Uploaded of(ZipBatchService.UploadResult r) {
            return new Uploaded(true, BatchJobIds.wire(r.job()), r.imageCount(), r.queued(), r.job().status(),
                    r.skippedCount(), r.skipped().stream().map(s -> new Skipped(s.imagePath(), s.reason())).toList(),
                    r.stopped());
        }
    }

    /** progress{processed, total, failed}: processed counts finished images, failed ones included. */
    public record Counts(@JsonbProperty("processed") int processed, @JsonbProperty("total") int total,
                         @JsonbProperty("failed") int failed) {
    }

    public record Batch(@JsonbProperty("batchId") String batchId, @JsonbProperty("status") String status,
                        @JsonbProperty("kind") String kind, @JsonbProperty("projectId") String projectId,
                        @JsonbProperty("source") String source, @JsonbProperty("imageCount") int imageCount,
                        @JsonbProperty("priority") int priority, @JsonbProperty("progress") Counts progress,
                        @JsonbProperty("progressPercent") double progressPercent,
                        @JsonbProperty("skippedCount") int skippedCount,
                        @JsonbProperty("facesDetected") int facesDetected,
                        @JsonbProperty("facesProcessed") int facesProcessed,
                        @JsonbProperty("createdAt") Instant createdAt, @JsonbProperty("startedAt") Instant startedAt,
                        @JsonbProperty("finishedAt") Instant finishedAt, @JsonbProperty("error") String error,
                        @JsonbProperty("failures") List<Skipped> failures,
                        @JsonbProperty("skipped") List<Skipped> skipped) {

        static Batch of(BatchJobView j, List<BatchJobs.ItemProblem> failures, List<BatchJobs.ItemProblem> skipped) {
            return new Batch(BatchJobIds.wire(j), j.status(), j.kind(), j.groupId(), j.source(), j.imagesTotal(),
                    j.priority(), new Counts(j.processed(), j.imagesTotal(), j.failed()),
                    Progress.percentOneDecimal(j.processed(), j.imagesTotal(), j.status().equals("completed")),
                    j.skipped(), j.facesDetected(), j.facesProcessed(), j.createdAt(), j.startedAt(), j.finishedAt(),
                    j.error(), failures == null ? null : problems(failures), skipped == null ? null : problems(skipped));
        }

        private static List<Skipped> problems(List<BatchJobs.ItemProblem> list) {
            return list.stream().map(p -> new Skipped(p.imagePath(), p.reason())).toList();
        }
    }

    /** GET /api/batch/status/{batchId}. */
    public record Status(@JsonbProperty("success") boolean success, @JsonbProperty("batch") Batch batch) {
    }

    public record QueueCounts(@JsonbProperty("active") long active, @JsonbProperty("waiting") long waiting,
                              @JsonbProperty("completed") long completed, @JsonbProperty("failed") long failed) {
    }

    /** GET /api/batch/queue-stats: per queue. */
    public record QueueStats(@JsonbProperty("success") boolean success,
                             @JsonbProperty("stats") Map<String, QueueCounts> stats) {
    }

    /** One image of POST /api/batch/add-images: an object of the tenant, or a URL. */
    public record ImageRefDto(@JsonbProperty("bucket") String bucket, @JsonbProperty("key") String key,
                              @JsonbProperty("url") String url) {
    }

    /** POST /api/batch/add-images' body. */
    public record AddImages(@JsonbProperty("projectId") String projectId, @JsonbProperty("priority") Integer priority,
                            @JsonbProperty("threads") Integer threads, @JsonbProperty("confidence") Double confidence,
                            @JsonbProperty("webhookUrl") String webhookUrl,
                            @JsonbProperty("webhookSecret") String webhookSecret,
                            @JsonbProperty("images") List<ImageRefDto> images) {
    }
}
