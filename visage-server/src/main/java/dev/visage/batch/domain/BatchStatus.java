package dev.visage.batch.domain;

import java.util.Locale;

/** A batch job's life cycle. Terminal states are sticky: late item outcomes never reopen a job. */
public enum BatchStatus {
    QUEUED, PROCESSING, COMPLETED, FAILED, CANCELLED;

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** As on the wire: lower case. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BatchStatus fromWire(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
