package dev.visage.shared.infrastructure.health;

import dev.visage.shared.infrastructure.SchemaMigrator;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** PostgreSQL answers, pgvector is installed and the schema is migrated. */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {

    @Resource(lookup = "jdbc/visage")
    DataSource dataSource;

    private final SchemaMigrator migrator;

    @Inject
    public DatabaseHealthCheck(SchemaMigrator migrator) {
        this.migrator = migrator;
    }

    /** For CDI proxies only. */
    protected DatabaseHealthCheck() {
        this.migrator = null;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("database");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(3);
            try (ResultSet rs = s.executeQuery("select extversion from pg_extension where extname = 'vector'")) {
                builder.withData("pgvector", rs.next() ? rs.getString(1) : "missing");
            }
            builder.withData("schema", String.valueOf(migrator.version()));
            return builder.status(migrator.isMigrated()).build();
        } catch (SQLException e) {
            return builder.down().withData("error", e.getMessage()).build();
        }
    }
}
