package dev.visage.ingest.interfaces.rest;

import dev.visage.ingest.application.JobView;
import java.time.Instant;
import java.util.List;

/** The public shape of an image job. */
public record JobDto(String id, String tenantId, String status, String failureReason, int attempts,
                     Source source, Image image, Instant createdAt, Instant startedAt, Instant finishedAt) {

    public record Source(String bucket, String key, String url) {
    }

    /** {@code warnings}: damage the decoder recovered from (e.g. {@code truncated: ...}); empty when sound. */
    public record Image(String sha256, Integer width, Integer height, String phash, String format, Long sizeBytes,
                        List<String> warnings) {
    }

    static JobDto of(JobView v) {
        Image image = v.sha256() == null ? null
                : new Image(v.sha256(), v.width(), v.height(), v.phash(), v.format(), v.sizeBytes(), v.warnings());
        return new JobDto(v.id().toString(), v.tenantId(), v.status(), v.failureReason(), v.attempts(),
                new Source(v.sourceBucket(), v.sourceKey(), v.sourceUrl()), image,
                v.createdAt(), v.startedAt(), v.finishedAt());
    }
}
