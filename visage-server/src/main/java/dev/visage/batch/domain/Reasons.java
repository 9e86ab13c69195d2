package dev.visage.batch.domain;

/** Failure and skip reasons fit their columns (2000 characters). */
public final class Reasons {

    public static final int MAX = 2000;

    private Reasons() {
    }

    public static String truncate(String reason) {
        String r = reason == null ? "unknown failure" : reason;
        return r.length() > MAX ? r.substring(0, MAX - 1) + "…" : r;
    }
}
