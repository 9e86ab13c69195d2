package dev.visage.ingest.domain;

/** queued → processing → completed | failed. */
public enum JobStatus {
    QUEUED,
    PROCESSING,
    COMPLETED,
    FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED;
    }
}
