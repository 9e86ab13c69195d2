package dev.visage.batch.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One image of a batch and its outcome. Items are registered by the enumeration (a folder
 * walk, an S3 listing, a ZIP's entries) and finished by exactly one worker: the worker locks
 * the row, and an item that is no longer PENDING is never processed again.
 */
@Entity
@Table(name = "batch_items")
public class BatchItem {

    @Id
    private UUID id;

    @Column(name = "job_id", nullable = false)
    private UUID jobId;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    /** The order items were registered in (a global sequence). */
    @Column(insertable = false, updatable = false)
    private long seq;

    /** A file path, an S3 key, a ZIP entry name, an object or a URL; unique within its job. */
    @Column(name = "image_path", nullable = false)
    private String imagePath;

    /** Where the bytes are when they are an object (ZIP entries, listed objects, S3 sources). */
    private String bucket;

    @Column(name = "object_key")
    private String objectKey;

    private String url;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ItemStatus status;

    private String reason;

    @Column(name = "image_sha256")
    private String imageSha256;

    @Column(name = "faces_detected")
    private Integer facesDetected;

    @Column(name = "faces_stored")
    private Integer facesStored;

    /** Decoder warnings of a DONE item (PostgreSQL text[]): damage it was processed despite. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, insertable = false)
    private String[] warnings = new String[0];

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected BatchItem() {
    }

    public UUID id() {
        return id;
    }

    public UUID jobId() {
        return jobId;
    }

    public String tenantId() {
        return tenantId;
    }

    public String imagePath() {
        return imagePath;
    }

    public String bucket() {
        return bucket;
    }

    public String objectKey() {
        return objectKey;
    }

    public String url() {
        return url;
    }

    public ItemStatus status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public String imageSha256() {
        return imageSha256;
    }

    public Integer facesDetected() {
        return facesDetected;
    }

    public Integer facesStored() {
        return facesStored;
    }

    public List<String> warnings() {
        return List.of(warnings);
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public boolean pending() {
        return status == ItemStatus.PENDING;
    }

    public void done(String sha256, int detected, int stored, List<String> decoderWarnings, Instant at) {
        requirePending();
        this.warnings = decoderWarnings.toArray(String[]::new);
        this.status = ItemStatus.DONE;
        this.imageSha256 = sha256;
        this.facesDetected = detected;
        this.facesStored = stored;
        this.finishedAt = at;
    }

    public void fail(String why, Instant at) {
        requirePending();
        this.status = ItemStatus.FAILED;
        this.reason = Reasons.truncate(why);
        this.finishedAt = at;
    }

    public void cancel(Instant at) {
        requirePending();
        this.status = ItemStatus.CANCELLED;
        this.finishedAt = at;
    }

    private void requirePending() {
        if (status != ItemStatus.PENDING) {
            throw new IllegalStateException("item " + id + " is already " + status);
        }
    }
}
