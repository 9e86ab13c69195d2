package dev.visage.shared.infrastructure.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.UUID;

/**
 * Values of native queries in one place: PostgreSQL's timestamptz arrives as Instant, OffsetDateTime,
 * Timestamp or ZonedDateTime depending on the driver path and Hibernate's type inference, and arrays
 * travel as their text literal (a {@code CAST(? AS uuid[])} parameter).
 */
public final class SqlValues {

    private SqlValues() {
    }

    /** The instant of a timestamp column; null for SQL NULL. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    /** The instant of a NOT NULL timestamp column: a NULL there is a bug, not a missing value. */
    public static Instant requiredInstant(Object value) {
        if (value == null) {
            throw new IllegalStateException("unexpected timestamp type null");
        }
        return instant(value);
    }

    /** A PostgreSQL array literal of the ids, {@code {a,b,c}}. */
    public static String uuidArray(Collection<UUID> ids) {
        StringBuilder b = new StringBuilder("{");
        for (UUID id : ids) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(id);
        }
        return b.append('}').toString();
    }
}
