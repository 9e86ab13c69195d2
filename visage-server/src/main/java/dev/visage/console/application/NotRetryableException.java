package dev.visage.console.application;

/** A dead letter that cannot be sent back: its original queue is unknown or not allowed. */
public class NotRetryableException extends RuntimeException {

    public NotRetryableException(String message) {
        super(message);
    }
}
