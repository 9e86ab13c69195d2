package dev.visage.gallery.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Re-index jobs (V51__gallery_reindex.sql). Joins the caller's transaction. */
public interface ReindexJobRepository {

    record JobRow(UUID id, String tenantId, String sourceModel, String targetModel, String status, boolean autoSwitch,
                  boolean switchRequested, int total, int embedded, int failed, int switched, String error,
                  Instant createdAt, Instant switchedAt, Instant finishedAt) {
    }

    /** False when the tenant already has an unfinished job. */
    boolean insert(UUID id, String tenantId, String sourceModel, String targetModel, boolean autoSwitch, Instant now);

    Optional<JobRow> find(UUID id);

    List<JobRow> byTenant(String tenantId);

    List<JobRow> unfinished();

    void status(UUID id, String status, Instant now);

    void progress(UUID id, int total, int embedded, int failed, Instant now);

    void requestSwitch(UUID id, Instant now);

    void switched(UUID id, int switched, Instant now);

    void failed(UUID id, String error, Instant now);
}
