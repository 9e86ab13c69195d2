package dev.visage.client;

/**
 * The instance refused or failed the request; the message is the worker's error text
 * ("User already exists", "No face detected in image", ...). Kiosk: ProducerError.
 */
public class ProcessingException extends VisageClientException {

    private final String errorType;

    public ProcessingException(String message, String errorType) {
        super(message);
        this.errorType = errorType;
    }

    /** not_found, conflict, no_face, invalid_image or internal. */
    public String errorType() {
        return errorType;
    }
}
