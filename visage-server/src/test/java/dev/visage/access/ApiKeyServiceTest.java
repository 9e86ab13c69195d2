package dev.visage.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.access.application.ApiKeyService;
import dev.visage.access.application.ApiKeyService.Verdict;
import dev.visage.access.application.internal.DefaultApiKeyService;
import dev.visage.access.domain.ApiKey;
import dev.visage.access.domain.ApiKeyRepository;
import dev.visage.access.domain.KeyHash;
import dev.visage.access.domain.KeyRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApiKeyServiceTest {

    /** An in-memory repository: this is a unit test of the rules, not of persistence. */
    static final class InMemoryKeys implements ApiKeyRepository {
        final List<ApiKey> keys = new ArrayList<>();

        public Optional<ApiKey> findByHash(String h) {
            return keys.stream().filter(k -> k.keyHash().equals(h)).findFirst();
        }

        public Optional<ApiKey> find(UUID id) {
            return keys.stream().filter(k -> k.id().equals(id)).findFirst();
        }

        public List<ApiKey> findAll() {
            return keys;
        }

        public boolean anyActiveAdmin() {
            return keys.stream().anyMatch(k -> k.role() == KeyRole.ADMIN && k.isActive());
        }

        public void add(ApiKey key) {
            keys.add(key);
        }
    }

    private final InMemoryKeys repo = new InMemoryKeys();
    private final DefaultApiKeyService service = new DefaultApiKeyService(repo);

    @Test
    void secretsAreStoredOnlyAsHashes() {
        ApiKeyService.IssuedKey issued = service.issue("acme", false, "kiosk");
        ApiKey stored = repo.keys.get(0);
        assertFalse(stored.keyHash().contains(issued.secret()));
        assertEquals(KeyHash.of(issued.secret()), stored.keyHash());
        assertTrue(issued.secret().startsWith("vsg_"));
    }

    @Test
    void tenantKeyActsForItsTenantOnly() {
        String secret = service.issue("acme", false, "k").secret();
        Verdict ok = service.authenticate(secret, null);
        assertEquals("acme", ((Verdict.Granted) ok).caller().tenantId());
        assertEquals(403, ((Verdict.Denied) service.authenticate(secret, "globex")).status());
        assertInstanceOf(Verdict.Granted.class, service.authenticate(secret, "acme"));
    }

    @Test
    void adminKeyMayChooseATenant() {
        String secret = service.issue(null, true, "ops").secret();
        Verdict.Granted g = (Verdict.Granted) service.authenticate(secret, "globex");
        assertTrue(g.caller().admin());
        assertEquals("globex", g.caller().tenantId());
        assertEquals("default", ((Verdict.Granted) service.authenticate(secret, null)).caller().tenantId());
        // reports: the chosen tenant, or every tenant when the admin named none
        assertEquals(java.util.Optional.of("globex"), g.caller().reportScope());
        assertEquals(java.util.Optional.empty(), ((Verdict.Granted) service.authenticate(secret, null)).caller().reportScope());
    }

    @Test
    void missingUnknownAndRevokedKeysAre401() {
        assertEquals(401, ((Verdict.Denied) service.authenticate(null, null)).status());
        assertEquals(401, ((Verdict.Denied) service.authenticate("vsg_nope", null)).status());
        ApiKeyService.IssuedKey issued = service.issue("acme", false, "k");
        assertTrue(service.revoke(issued.key().id()));
        Verdict.Denied d = (Verdict.Denied) service.authenticate(issued.secret(), null);
        assertEquals("API key was revoked", d.reason());
    }

    @Test
    void bootstrapUsesTheConfiguredKeyOrGeneratesOne() {
        assertTrue(service.bootstrapAdminKey(Optional.of("vsg_configured")).isEmpty());
        assertInstanceOf(Verdict.Granted.class, service.authenticate("vsg_configured", null));
        assertTrue(service.bootstrapAdminKey(Optional.of("vsg_configured")).isEmpty(), "idempotent");
        assertEquals(1, repo.keys.size());

        DefaultApiKeyService fresh = new DefaultApiKeyService(new InMemoryKeys());
        Optional<String> generated = fresh.bootstrapAdminKey(Optional.empty());
        assertTrue(generated.isPresent());
        assertTrue(fresh.bootstrapAdminKey(Optional.empty()).isEmpty(), "only once");
    }

    @Test
    void invalidTenantHeaderIsRejected() {
        String secret = service.issue(null, true, "ops").secret();
        assertEquals(400, ((Verdict.Denied) service.authenticate(secret, "../etc")).status());
    }
}
