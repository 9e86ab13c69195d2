package dev.visage.recognition.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One enrolled face of a user: its L2-normalised embedding (pgvector), the model that
 * produced it, where it was found in the source image and how good it was.
 */
@Entity
@Table(name = "recognition_faces")
public class Face {

    @Id
    private UUID id;

    @Column(name = "company_id", nullable = false)
    private String companyId;

    @Column(name = "user_id", nullable = false)
    private String userId;

    @Column(name = "face_id", nullable = false)
    private String faceId;

    @Column(nullable = false)
    private String model;

    @Column(nullable = false)
    private int dims;

    @JdbcTypeCode(SqlTypes.VECTOR)
    @Column(nullable = false)
    private float[] embedding;

    @Column(name = "bbox_x")
    private Integer bboxX;
    @Column(name = "bbox_y")
    private Integer bboxY;
    @Column(name = "bbox_w")
    private Integer bboxW;
    @Column(name = "bbox_h")
    private Integer bboxH;

    @Column(name = "detection_score")
    private Float detectionScore;

    private Float sharpness;

    @Column(name = "quality_ok")
    private Boolean qualityOk;

    @Column(name = "source_bucket")
    private String sourceBucket;

    @Column(name = "source_key")
    private String sourceKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Face() {
    }

    public Face(String companyId, String userId, String faceId, String model, float[] embedding, int[] bbox,
                Float detectionScore, Float sharpness, Boolean qualityOk, String sourceBucket, String sourceKey,
                Instant createdAt) {
        this.id = UUID.randomUUID();
        this.companyId = companyId;
        this.userId = userId;
        this.faceId = faceId;
        this.model = model;
        this.dims = embedding.length;
        this.embedding = embedding.clone();
        if (bbox != null) {
            this.bboxX = bbox[0];
            this.bboxY = bbox[1];
            this.bboxW = bbox[2];
            this.bboxH = bbox[3];
        }
        this.detectionScore = detectionScore;
        this.sharpness = sharpness;
        this.qualityOk = qualityOk;
        this.sourceBucket = sourceBucket;
        this.sourceKey = sourceKey;
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public String companyId() {
        return companyId;
    }

    public String userId() {
        return userId;
    }

    public String faceId() {
        return faceId;
    }

    public String model() {
        return model;
    }

    public float[] embedding() {
        return embedding.clone();
    }

    /** [x, y, w, h] or null for imported faces without a box. */
    public int[] bbox() {
        return bboxX == null ? null : new int[] {bboxX, bboxY, bboxW, bboxH};
    }

    public Float detectionScore() {
        return detectionScore;
    }

    public Float sharpness() {
        return sharpness;
    }

    public Boolean qualityOk() {
        return qualityOk;
    }

    public String sourceBucket() {
        return sourceBucket;
    }

    public String sourceKey() {
        return sourceKey;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
