package dev.visage.batch.infrastructure.source;

import dev.visage.shared.storage.S3ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The S3-compatible store that digests read from: the object store's own S3 settings
 * (VISAGE_S3_*), whatever the storage backend, built on first use.
 */
@ApplicationScoped
public class S3Sources {

    private final S3ObjectStore.Settings settings;
    private volatile S3ObjectStore store;

    @Inject
    public S3Sources(@ConfigProperty(name = "visage.s3.endpoint") Optional<String> endpoint,
                     @ConfigProperty(name = "visage.s3.region") String region,
                     @ConfigProperty(name = "visage.s3.access-key") Optional<String> accessKey,
                     @ConfigProperty(name = "visage.s3.secret-key") Optional<String> secretKey,
                     @ConfigProperty(name = "visage.s3.path-style") boolean pathStyle) {
        this.settings = new S3ObjectStore.Settings(endpoint.orElse(null), region, accessKey.orElse(null),
                secretKey.orElse(null), pathStyle);
    }

    /** For CDI proxies only. */
    protected S3Sources() {
        this.settings = null;
    }

    public S3ObjectStore store() {
        S3ObjectStore s = store;
        if (s == null) {
            synchronized (this) {
                if (store == null) {
                    store = new S3ObjectStore(settings);
                }
                s = store;
            }
        }
        return s;
    }
}
