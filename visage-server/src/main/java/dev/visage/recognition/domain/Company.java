package dev.visage.recognition.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A company: the tenant whose people are enrolled and recognised together. */
@Entity
@Table(name = "recognition_companies")
public class Company {

    @Id
    @Column(name = "company_id")
    private String companyId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Company() {
    }

    public Company(String companyId, Instant createdAt) {
        this.companyId = companyId;
        this.createdAt = createdAt;
    }

    public String companyId() {
        return companyId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
