package dev.visage.batch.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A digest or ZIP batch: its source, its settings and its progress. Counters and status move
 * through {@link BatchJobRepository}'s atomic updates (many workers finish items of one job at
 * once), never by editing a loaded entity; the entity is created once and read.
 */
@Entity
@Table(name = "batch_jobs")
public class BatchJob {

    @Id
    private UUID id;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private JobKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private BatchStatus status;

    @Column(name = "group_id")
    private String groupId;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_type", nullable = false)
    private SourceType sourceType;

    /** As the caller named it: local_dir_path, s3://bucket/prefix, the ZIP's file name. */
    @Column(nullable = false)
    private String source;

    /** LOCAL: the directory's real path, checked to be inside a configured root. */
    @Column(name = "source_path")
    private String sourcePath;

    @Column(name = "s3_bucket")
    private String s3Bucket;

    @Column(name = "s3_prefix")
    private String s3Prefix;

    /** ZIP: the uploaded archive in the object store, until it is extracted. */
    @Column(name = "upload_bucket")
    private String uploadBucket;

    @Column(name = "upload_key")
    private String uploadKey;

    private double confidence;

    private int threads;

    private int priority;

    private boolean enumerated;

    @Column(name = "images_total")
    private int imagesTotal;

    private int processed;

    private int failed;

    private int skipped;

    @Column(name = "faces_detected")
    private int facesDetected;

    @Column(name = "faces_processed")
    private int facesProcessed;

    private String error;

    @Column(name = "webhook_url")
    private String webhookUrl;

    @Column(name = "webhook_secret")
    private String webhookSecret;

    @Column(name = "lease_owner")
    private String leaseOwner;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected BatchJob() {
    }

    /** A new job in QUEUED, enumeration leased to {@code owner} until {@code leaseUntil}. */
    public BatchJob(UUID id, String tenantId, JobKind kind, String groupId, Source source, Settings settings,
                    Instant createdAt, String owner, Instant leaseUntil) {
        this.id = Objects.requireNonNull(id);
        this.tenantId = Objects.requireNonNull(tenantId);
        this.kind = Objects.requireNonNull(kind);
        this.groupId = groupId;
        this.status = BatchStatus.QUEUED;
        this.sourceType = source.type();
        this.source = source.display();
        this.sourcePath = source.path();
        this.s3Bucket = source.s3Bucket();
        this.s3Prefix = source.s3Prefix();
        this.uploadBucket = source.uploadBucket();
        this.uploadKey = source.uploadKey();
        this.confidence = settings.confidence();
        this.threads = settings.threads();
        this.priority = settings.priority();
        this.webhookUrl = settings.webhookUrl();
        this.webhookSecret = settings.webhookSecret();
        this.createdAt = Objects.requireNonNull(createdAt);
        this.leaseOwner = owner;
        this.leaseUntil = leaseUntil;
    }

    /** Where the images come from; only the fields of its type are set. */
    public record Source(SourceType type, String display, String path, String s3Bucket, String s3Prefix,
                         String uploadBucket, String uploadKey) {

        public static Source local(String display, String realPath) {
            return new Source(SourceType.LOCAL, display, realPath, null, null, null, null);
        }

        public static Source s3(String bucket, String prefix) {
            return new Source(SourceType.S3, "s3://" + bucket + "/" + prefix, null, bucket, prefix, null, null);
        }

        public static Source zip(String fileName, String bucket, String key) {
            return new Source(SourceType.ZIP, fileName, null, null, null, bucket, key);
        }

        public static Source objects(String display) {
            return new Source(SourceType.OBJECTS, display, null, null, null, null, null);
        }
    }

    /**
     * @param threads     most items of this job processed at once (JMS message groups)
     * @param priority    JMS priority 0-9 of its item messages
     * @param webhookUrl  called once the job ends, or null
     */
    public record Settings(double confidence, int threads, int priority, String webhookUrl, String webhookSecret) {
    }

    public UUID id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public JobKind kind() {
        return kind;
    }

    public BatchStatus status() {
        return status;
    }

    public String groupId() {
        return groupId;
    }

    public SourceType sourceType() {
        return sourceType;
    }

    public String source() {
        return source;
    }

    public String sourcePath() {
        return sourcePath;
    }

    public String s3Bucket() {
        return s3Bucket;
    }

    public String s3Prefix() {
        return s3Prefix;
    }

    public String uploadBucket() {
        return uploadBucket;
    }

    public String uploadKey() {
        return uploadKey;
    }

    public double confidence() {
        return confidence;
    }

    public int threads() {
        return threads;
    }

    public int priority() {
        return priority;
    }

    public boolean enumerated() {
        return enumerated;
    }

    public int imagesTotal() {
        return imagesTotal;
    }

    public int processed() {
        return processed;
    }

    public int failed() {
        return failed;
    }

    public int skipped() {
        return skipped;
    }

    public int facesDetected() {
        return facesDetected;
    }

    public int facesProcessed() {
        return facesProcessed;
    }

    public String error() {
        return error;
    }

    public String webhookUrl() {
        return webhookUrl;
    }

    public String webhookSecret() {
        return webhookSecret;
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

    /** 0-100: items finished (done or failed) of the images found so far; 100 once a job ends complete. */
    public int progress() {
        return Progress.percent(processed, imagesTotal, enumerated, status == BatchStatus.COMPLETED);
    }
}
