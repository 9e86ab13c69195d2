package dev.visage.batch.application.internal;

import dev.visage.batch.application.BatchJobView;
import dev.visage.batch.domain.BatchJob;
import java.util.Locale;

/** Entities to views. */
final class Views {

    private Views() {
    }

    static BatchJobView of(BatchJob j) {
        return new BatchJobView(j.id(), j.tenantId(), j.kind().name().toLowerCase(Locale.ROOT), j.status().wire(),
                j.groupId(), j.sourceType().wire(), j.source(), j.imagesTotal(), j.processed(), j.failed(), j.skipped(),
                j.facesDetected(), j.facesProcessed(), j.threads(), j.confidence(), j.priority(), j.progress(),
                j.enumerated(), j.error(), j.webhookUrl() != null, j.createdAt(), j.startedAt(), j.finishedAt());
    }
}
