package dev.visage.ingest.application.internal;

import dev.visage.ingest.application.JobView;
import dev.visage.ingest.domain.ImageJob;
import java.util.Locale;

/** Assembles {@link JobView}s from the aggregate. */
final class JobViews {

    private JobViews() {
    }

    static JobView of(ImageJob j) {
        return new JobView(j.id(), j.tenantId(), j.status().name().toLowerCase(Locale.ROOT), j.failureReason(),
                j.attempts(), j.source().bucket(), j.source().key(), j.source().url(), j.sha256(), j.width(),
                j.height(), j.phash(), j.format(), j.sizeBytes(), j.createdAt(), j.startedAt(), j.finishedAt(),
                j.warnings());
    }
}
