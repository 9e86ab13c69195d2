package dev.visage.client;

/** Invalid arguments (an empty company id, ...), found by the client or by the instance. Kiosk: ValueError. */
public class ClientValidationException extends VisageClientException {

    public ClientValidationException(String message) {
        super(message);
    }
}
