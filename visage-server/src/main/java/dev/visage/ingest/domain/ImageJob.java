package dev.visage.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One image accepted for processing and its life cycle. Final states are sticky: a
 * redelivered message for a finished job changes nothing (idempotent consumers).
 */
@Entity
@Table(name = "image_jobs")
public class ImageJob {

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private JobStatus status;

    @Embedded
    private ImageSource source;

    @Column(name = "content_type")
    private String contentType;

    @Column(name = "failure_reason", length = 2000)
    private String failureReason;

    private int attempts;

    @Column(length = 64)
    private String sha256;

    private Integer width;

    private Integer height;

    @Column(length = 16)
    private String phash;

    @Column(length = 16)
    private String format;

    @Column(name = "size_bytes")
    private Long sizeBytes;

    /** Decoder warnings of a completed job (PostgreSQL text[]); empty for a sound image. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    private String[] warnings = new String[0];

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Version
    private long version;

    protected ImageJob() {
    }

    public ImageJob(UUID id, String tenantId, ImageSource source, String contentType, Instant createdAt) {
        this.id = Objects.requireNonNull(id);
        this.tenantId = Objects.requireNonNull(tenantId);
        this.source = Objects.requireNonNull(source);
        this.contentType = contentType;
        this.createdAt = Objects.requireNonNull(createdAt);
        this.status = JobStatus.QUEUED;
    }

    /** Returns false when the job is already finished and must not be processed again. */
    public boolean start(Instant now) {
        if (status.isFinal()) {
            return false;
        }
        status = JobStatus.PROCESSING;
        attempts++;
        if (startedAt == null) {
            startedAt = now;
        }
        return true;
    }

    public void complete(ImageFacts facts, Instant now) {
        if (status.isFinal()) {
            return;
        }
        this.sha256 = facts.sha256();
        this.width = facts.width();
        this.height = facts.height();
        this.phash = facts.phash();
        this.format = facts.format();
        this.sizeBytes = facts.sizeBytes();
        this.warnings = facts.warnings().toArray(String[]::new);
        this.status = JobStatus.COMPLETED;
        this.failureReason = null;
        this.finishedAt = now;
    }

    public void fail(String reason, Instant now) {
        if (status.isFinal()) {
            return;
        }
        this.status = JobStatus.FAILED;
        this.failureReason = reason;
        this.finishedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public JobStatus status() {
        return status;
    }

    public ImageSource source() {
        return source;
    }

    public String contentType() {
        return contentType;
    }

    public List<String> warnings() {
        return List.of(warnings);
    }

    public String failureReason() {
        return failureReason;
    }

    public int attempts() {
        return attempts;
    }

    public String sha256() {
        return sha256;
    }

    public Integer width() {
        return width;
    }

    public Integer height() {
        return height;
    }

    public String phash() {
        return phash;
    }

    public String format() {
        return format;
    }

    public Long sizeBytes() {
        return sizeBytes;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }
}
