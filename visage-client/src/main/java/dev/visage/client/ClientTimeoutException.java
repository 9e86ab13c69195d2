package dev.visage.client;

/** No instance answered within the timeout (after the configured retries). Kiosk: TimeoutError. */
public class ClientTimeoutException extends VisageClientException {

    public ClientTimeoutException(String message) {
        super(message);
    }
}
