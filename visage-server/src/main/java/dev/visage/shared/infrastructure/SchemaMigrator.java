package dev.visage.shared.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies {@code db-migrations/} with Flyway when the application starts, then announces
 * {@link SchemaReady}. When the database is not there yet, Liberty still starts and the
 * migration is retried every few seconds; startup and readiness stay DOWN until it succeeds.
 */
@ApplicationScoped
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    private static final long RETRY_SECONDS = 5;

    @Resource(lookup = "jdbc/visage")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Event<SchemaReady> schemaReady;
    private final AtomicReference<String> version = new AtomicReference<>();
    private final AtomicReference<String> failure = new AtomicReference<>();

    @Inject
    public SchemaMigrator(Event<SchemaReady> schemaReady) {
        this.schemaReady = schemaReady;
    }

    /** For CDI proxies only. */
    protected SchemaMigrator() {
        this.schemaReady = null;
    }

    void onStart(@Observes Startup startup) {
        migrateOrRetryLater();
    }

    private void migrateOrRetryLater() {
        try {
            migrate();
        } catch (RuntimeException e) {
            LOG.warning("Database not ready (" + e.getMessage() + "); retrying in " + RETRY_SECONDS + " s");
            scheduler.schedule(this::migrateOrRetryLater, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    public synchronized void migrate() {
        if (version.get() != null) {
            return;
        }
        try {
            // Each location holds an empty flyway.location marker: without it Flyway
            // cannot list resources inside Liberty's WAR class loader.
            MigrateResult result = Flyway.configure(getClass().getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .baselineOnMigrate(true)
                    // Contexts own version ranges (ingest V10+, recognition V20+, ...); a range
                    // may gain a migration after a later one was applied on a dev database.
                    .outOfOrder(true)
                    // A session-level lock (polled) instead of one held in a transaction: CREATE INDEX
                    // CONCURRENTLY waits for every older transaction, Flyway's own lock transaction included.
                    .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                    .load()
                    .migrate();
            String current = result.targetSchemaVersion != null ? result.targetSchemaVersion
                    : result.initialSchemaVersion;
            version.set(current == null ? "empty" : current);
            failure.set(null);
            LOG.info(() -> "Database schema at version " + version.get() + " (" + result.migrationsExecuted
                    + " migrations applied now)");
            schemaReady.fire(new SchemaReady(version.get()));
        } catch (RuntimeException e) {
            failure.set(e.getMessage());
            throw e;
        }
    }

    public boolean isMigrated() {
        return version.get() != null;
    }

    public String version() {
        return version.get();
    }

    public String failure() {
        return failure.get();
    }
}
