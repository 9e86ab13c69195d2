package dev.visage.recognition.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A person of a company; keeps existing when its last face is deleted (kiosk semantics). */
@Entity
@Table(name = "recognition_users")
@IdClass(EnrolledUser.Key.class)
public class EnrolledUser {

    @Id
    @Column(name = "company_id")
    private String companyId;

    @Id
    @Column(name = "user_id")
    private String userId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected EnrolledUser() {
    }

    public EnrolledUser(String companyId, String userId, Instant createdAt) {
        this.companyId = companyId;
        this.userId = userId;
        this.createdAt = createdAt;
    }

    public String companyId() {
        return companyId;
    }

    public String userId() {
        return userId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Composite primary key. */
    public record Key(String companyId, String userId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
