package dev.visage.recognition.application;

/**
 * A refusal with the kiosk's exact error text ("Company does not exist", ...). REST maps
 * the kind to a status, JMS replies carry it as {@code error_type}. Raised before any
 * write, so a transaction that sees it has changed nothing.
 */
public class RecognitionException extends RuntimeException {

    public static final String COMPANY_ID_EMPTY = "Company ID cannot be empty";
    public static final String COMPANY_MISSING = "Company does not exist";
    public static final String USER_EXISTS = "User already exists";
    public static final String USER_MISSING = "User does not exist";
    public static final String FACE_EXISTS = "Face ID already exists for this user";
    public static final String FACE_MISSING = "Face does not exist";
    public static final String NO_FACE = "No face detected in image";
    public static final String BAD_IMAGE = "Image processing failed";

    /** What went wrong, independent of the transport. */
    public enum Kind {
        VALIDATION("validation"), NOT_FOUND("not_found"), CONFLICT("conflict"), NO_FACE("no_face"),
        INVALID_IMAGE("invalid_image");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Kind kind;

    public RecognitionException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static RecognitionException validation(String message) {
        return new RecognitionException(Kind.VALIDATION, message);
    }
}
