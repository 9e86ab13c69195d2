package dev.visage.client;

/** The broker could not be reached (after the configured retries). Kiosk: ConnectionError. */
public class ClientConnectionException extends VisageClientException {

    public ClientConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
