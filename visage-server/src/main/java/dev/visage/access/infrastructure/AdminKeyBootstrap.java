package dev.visage.access.infrastructure;

import dev.visage.access.application.ApiKeyService;
import dev.visage.shared.infrastructure.SchemaReady;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Guarantees an admin key after the schema exists: VISAGE_ADMIN_KEY when set, otherwise a
 * generated one, logged once (it cannot be recovered later, only replaced).
 */
@ApplicationScoped
public class AdminKeyBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminKeyBootstrap.class.getName());

    private final ApiKeyService keys;
    private final Optional<String> configuredAdminKey;

    @Inject
    public AdminKeyBootstrap(ApiKeyService keys,
                             @ConfigProperty(name = "visage.admin.key") Optional<String> configuredAdminKey) {
        this.keys = keys;
        this.configuredAdminKey = configuredAdminKey;
    }

    /** For CDI proxies only. */
    protected AdminKeyBootstrap() {
        this(null, Optional.empty());
    }

    void onSchemaReady(@Observes SchemaReady ready) {
        keys.bootstrapAdminKey(configuredAdminKey).ifPresent(secret -> LOG.warning(
                "No VISAGE_ADMIN_KEY configured and no admin key existed: generated admin key " + secret
                        + " (shown once; set VISAGE_ADMIN_KEY to choose your own)"));
    }
}
