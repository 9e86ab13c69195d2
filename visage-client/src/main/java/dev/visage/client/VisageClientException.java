package dev.visage.client;

/** Base of every error the recognition client raises. */
public class VisageClientException extends RuntimeException {

    public VisageClientException(String message) {
        super(message);
    }

    public VisageClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
