package dev.visage.console.interfaces.web;

import dev.visage.access.application.ApiKeyService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Checks a key inside a JTA transaction of its own. Servlet filters run outside the
 * transaction handling JAX-RS gets; a key lookup there without one leaves Liberty's local
 * transaction containment to close the JPA connection late, which it refuses noisily.
 */
@ApplicationScoped
public class ConsoleAuthenticator {

    private final ApiKeyService keys;

    @Inject
    public ConsoleAuthenticator(ApiKeyService keys) {
        this.keys = keys;
    }

    /** For CDI proxies only. */
    protected ConsoleAuthenticator() {
        this(null);
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public ApiKeyService.Verdict authenticate(String key) {
        return keys.authenticate(key, null);
    }
}
