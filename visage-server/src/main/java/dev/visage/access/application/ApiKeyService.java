package dev.visage.access.application;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Issues, lists, revokes and checks API keys. */
public interface ApiKeyService {

    /** The result of authenticating a presented key. */
    sealed interface Verdict {
        record Granted(Caller caller) implements Verdict {
        }

        record Denied(int status, String reason) implements Verdict {
        }
    }

    Verdict authenticate(String presentedKey, String requestedTenant);

    IssuedKey issue(String tenantId, boolean admin, String name);

    List<KeyView> list();

    boolean revoke(UUID id);

    /** Makes sure an admin key exists; returns a newly generated secret when none was configured. */
    Optional<String> bootstrapAdminKey(Optional<String> configuredSecret);

    record IssuedKey(KeyView key, String secret) {
    }

    record KeyView(UUID id, String prefix, String tenantId, String role, String name,
                   java.time.Instant createdAt, java.time.Instant revokedAt) {
    }
}
