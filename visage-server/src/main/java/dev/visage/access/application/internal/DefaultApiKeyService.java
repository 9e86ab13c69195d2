package dev.visage.access.application.internal;

import dev.visage.access.application.ApiKeyService;
import dev.visage.access.application.Caller;
import dev.visage.access.application.TenantIds;
import dev.visage.access.domain.ApiKey;
import dev.visage.access.domain.ApiKeyRepository;
import dev.visage.access.domain.KeyHash;
import dev.visage.access.domain.KeyRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DefaultApiKeyService implements ApiKeyService {

    private final ApiKeyRepository keys;
    private final Clock clock;

    @Inject
    public DefaultApiKeyService(ApiKeyRepository keys) {
        this(keys, Clock.systemUTC());
    }

    DefaultApiKeyService(ApiKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected DefaultApiKeyService() {
        this.keys = null;
        this.clock = null;
    }

    @Override
    @Transactional // reads too: Hibernate registers a JTA synchronisation per session
    public Verdict authenticate(String presentedKey, String requestedTenant) {
        if (presentedKey == null || presentedKey.isBlank()) {
            return new Verdict.Denied(401, "missing X-API-Key header");
        }
        Optional<ApiKey> found = keys.findByHash(KeyHash.of(presentedKey.trim()));
        if (found.isEmpty()) {
            return new Verdict.Denied(401, "unknown API key");
        }
        ApiKey key = found.get();
        if (!key.isActive()) {
            return new Verdict.Denied(401, "API key was revoked");
        }
        boolean tenantSent = requestedTenant != null && !requestedTenant.isBlank();
        if (tenantSent && !TenantIds.isValid(requestedTenant)) {
            return new Verdict.Denied(400, "X-Tenant-ID is not a valid tenant id");
        }
        if (key.role() == KeyRole.ADMIN) {
            String tenant = tenantSent ? requestedTenant : Caller.DEFAULT_TENANT;
            return new Verdict.Granted(new Caller(tenant, true, key.id().toString(), !tenantSent));
        }
        if (tenantSent && !requestedTenant.equals(key.tenantId())) {
            return new Verdict.Denied(403, "X-Tenant-ID does not match the API key's tenant");
        }
        return new Verdict.Granted(new Caller(key.tenantId(), false, key.id().toString()));
    }

    @Override
    @Transactional
    public IssuedKey issue(String tenantId, boolean admin, String name) {
        if (!admin && !TenantIds.isValid(tenantId)) {
            throw new IllegalArgumentException("tenant_id must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}");
        }
        String secret = KeyHash.newSecret();
        ApiKey key = new ApiKey(KeyHash.of(secret), KeyHash.displayPrefix(secret),
                admin ? KeyRole.ADMIN : KeyRole.TENANT, tenantId,
                name == null || name.isBlank() ? "unnamed" : name, clock.instant());
        keys.add(key);
        return new IssuedKey(view(key), secret);
    }

    @Override
    @Transactional // reads too: Hibernate registers a JTA synchronisation per session
    public List<KeyView> list() {
        return keys.findAll().stream().map(DefaultApiKeyService::view).toList();
    }

    @Override
    @Transactional
    public boolean revoke(UUID id) {
        Optional<ApiKey> key = keys.find(id);
        key.ifPresent(k -> k.revoke(clock.instant()));
        return key.isPresent();
    }

    @Override
    @Transactional
    public Optional<String> bootstrapAdminKey(Optional<String> configuredSecret) {
        if (configuredSecret.isPresent() && !configuredSecret.get().isBlank()) {
            String secret = configuredSecret.get().trim();
            if (keys.findByHash(KeyHash.of(secret)).isEmpty()) {
                keys.add(new ApiKey(KeyHash.of(secret), KeyHash.displayPrefix(secret), KeyRole.ADMIN, null,
                        "VISAGE_ADMIN_KEY", clock.instant()));
            }
            return Optional.empty();
        }
        if (keys.anyActiveAdmin()) {
            return Optional.empty();
        }
        IssuedKey issued = issue(null, true, "generated at first start");
        return Optional.of(issued.secret());
    }

    private static KeyView view(ApiKey key) {
        return new KeyView(key.id(), key.keyPrefix(), key.tenantId(), key.role().name(), key.name(),
                key.createdAt(), key.revokedAt());
    }
}
