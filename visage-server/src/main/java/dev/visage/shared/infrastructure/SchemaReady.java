package dev.visage.shared.infrastructure;

/** Fired once the database schema is migrated; start-up work that needs tables observes it. */
public record SchemaReady(String schemaVersion) {
}
