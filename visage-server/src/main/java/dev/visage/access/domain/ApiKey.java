package dev.visage.access.domain;

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
 * An API key. Only the SHA-256 of the secret is stored: keys are 256-bit random values,
 * so a fast hash is enough and lookups stay a single indexed read.
 */
@Entity
@Table(name = "api_keys")
public class ApiKey {

    @Id
    private UUID id;

    @Column(name = "key_hash", nullable = false, unique = true, length = 64)
    private String keyHash;

    @Column(name = "key_prefix", nullable = false, length = 16)
    private String keyPrefix;

    @Column(name = "tenant_id")
    private String tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private KeyRole role;

    @Column(nullable = false)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected ApiKey() {
    }

    public ApiKey(String keyHash, String keyPrefix, KeyRole role, String tenantId, String name, Instant createdAt) {
        if (role == KeyRole.TENANT && (tenantId == null || tenantId.isBlank())) {
            throw new IllegalArgumentException("a tenant key needs a tenant");
        }
        this.id = UUID.randomUUID();
        this.keyHash = Objects.requireNonNull(keyHash);
        this.keyPrefix = Objects.requireNonNull(keyPrefix);
        this.role = Objects.requireNonNull(role);
        this.tenantId = role == KeyRole.ADMIN ? null : tenantId;
        this.name = Objects.requireNonNull(name);
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    public void revoke(Instant when) {
        if (revokedAt == null) {
            revokedAt = when;
        }
    }

    public boolean isActive() {
        return revokedAt == null;
    }

    public UUID id() {
        return id;
    }

    public String keyHash() {
        return keyHash;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    public String tenantId() {
        return tenantId;
    }

    public KeyRole role() {
        return role;
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }
}
