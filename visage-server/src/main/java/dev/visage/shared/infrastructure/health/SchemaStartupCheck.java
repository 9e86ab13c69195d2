package dev.visage.shared.infrastructure.health;

import dev.visage.shared.infrastructure.SchemaMigrator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the database migrations have been applied. */
@Startup
@ApplicationScoped
public class SchemaStartupCheck implements HealthCheck {

    private final SchemaMigrator migrator;

    @Inject
    public SchemaStartupCheck(SchemaMigrator migrator) {
        this.migrator = migrator;
    }

    /** For CDI proxies only. */
    protected SchemaStartupCheck() {
        this.migrator = null;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("schema").status(migrator.isMigrated());
        builder.withData("version", String.valueOf(migrator.version()));
        if (migrator.failure() != null) {
            builder.withData("error", migrator.failure());
        }
        return builder.build();
    }
}
