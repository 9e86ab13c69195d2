package dev.visage.ingest.application;

/** A failure that may heal (network, storage, database): the message is redelivered. */
public class TransientJobFailure extends Exception {

    public TransientJobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
