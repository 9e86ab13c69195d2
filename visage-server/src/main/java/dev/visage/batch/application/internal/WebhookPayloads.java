package dev.visage.batch.application.internal;

import dev.visage.batch.application.BatchJobIds;
import dev.visage.batch.application.BatchJobView;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/** The completion webhook's body: the job as the digest API shows it, with the event name. */
final class WebhookPayloads {

    private WebhookPayloads() {
    }

    static String json(BatchJobView job) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("event", "batch." + job.status())
                .add("job_id", BatchJobIds.wire(job))
                .add("kind", job.kind())
                .add("status", job.status())
                .add("progress", job.progress())
                .add("source_type", job.sourceType())
                .add("source", job.source())
                .add("total_images", job.imagesTotal())
                .add("processed_images", job.processed())
                .add("failed_images", job.failed())
                .add("skipped", job.skipped())
                .add("total_faces", job.facesDetected())
                .add("faces_processed", job.facesProcessed());
        optional(b, "group_id", job.groupId());
        optional(b, "error", job.error());
        time(b, "created_at", job.createdAt());
        time(b, "start_time", job.startedAt());
        time(b, "end_time", job.finishedAt());
        return b.build().toString();
    }

    private static void optional(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }

    private static void time(JsonObjectBuilder b, String name, Instant value) {
        optional(b, name, value == null ? null : value.toString());
    }
}
