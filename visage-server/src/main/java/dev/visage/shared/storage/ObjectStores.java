package dev.visage.shared.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Chooses the object-store adapter: VISAGE_STORAGE_BACKEND = local (default) or s3. */
@ApplicationScoped
public class ObjectStores {

    private final String backend;
    private final LocalObjectStore local;
    private final S3ObjectStore.Settings s3;

    @Inject
    public ObjectStores(@ConfigProperty(name = "visage.storage.backend") String backend, LocalObjectStore local,
                        @ConfigProperty(name = "visage.s3.endpoint") Optional<String> endpoint,
                        @ConfigProperty(name = "visage.s3.region") String region,
                        @ConfigProperty(name = "visage.s3.access-key") Optional<String> accessKey,
                        @ConfigProperty(name = "visage.s3.secret-key") Optional<String> secretKey,
                        @ConfigProperty(name = "visage.s3.path-style") boolean pathStyle) {
        this.backend = backend;
        this.local = local;
        this.s3 = new S3ObjectStore.Settings(endpoint.orElse(null), region, accessKey.orElse(null), secretKey.orElse(null),
                pathStyle);
    }

    /** For CDI proxies only. */
    protected ObjectStores() {
        this.backend = null;
        this.local = null;
        this.s3 = null;
    }

    @Produces
    @ApplicationScoped
    ObjectStore objectStore() {
        return switch (backend.trim().toLowerCase()) {
            case "local" -> local;
            case "s3" -> new S3ObjectStore(s3);
            default -> throw new IllegalArgumentException("VISAGE_STORAGE_BACKEND must be local or s3, not " + backend);
        };
    }
}
