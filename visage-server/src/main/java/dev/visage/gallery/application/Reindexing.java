package dev.visage.gallery.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Re-indexing a tenant with another recogniser: a background job re-embeds every stored face from its
 * crop while search keeps serving the old vectors, then switches all of them at once (one transaction);
 * the tenant's new faces are embedded with the new recogniser from then on, and its clusters are
 * recomputed with that recogniser's calibrated parameters. Jobs survive restarts.
 */
public interface Reindexing {

    /**
     * @param status queued, embedding, ready (waiting for {@link #switchNow}), switching, completed, failed
     */
    record Job(UUID id, String tenantId, String sourceModel, String targetModel, String status, boolean autoSwitch,
               int total, int embedded, int failed, int switched, String error, Instant createdAt, Instant switchedAt,
               Instant finishedAt) {
    }

    /** Starts a job (409 when one is unfinished for the tenant; 400 for an unknown or the current model). */
    Job start(String tenantId, String model, boolean autoSwitch) throws GalleryException;

    Job get(String tenantId, UUID jobId) throws GalleryException;

    List<Job> list(String tenantId);

    /** Lets a job that stopped at ready switch (it embeds any faces that arrived meanwhile first). */
    Job switchNow(String tenantId, UUID jobId) throws GalleryException;

    /** Picks up unfinished jobs (at start-up). */
    void resume();
}
