package dev.visage.shared.interfaces.rest;

import java.util.List;

/**
 * Thrown by resources to answer with a problem+json body; {@link ProblemExceptionMapper}
 * renders it. Carrying the field at fault keeps validation errors precise.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<ProblemDetail.InvalidParam> invalidParams;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ProblemException(int status, String title, String detail, List<ProblemDetail.InvalidParam> invalidParams) {
        super(detail);
        this.status = status;
        this.title = title;
        this.invalidParams = List.copyOf(invalidParams);
    }

    public static ProblemException badRequest(String field, String reason) {
        return new ProblemException(400, "Bad Request", field + ": " + reason,
                List.of(new ProblemDetail.InvalidParam(field, reason)));
    }

    public static ProblemException unprocessable(String field, String reason) {
        return new ProblemException(422, "Unprocessable Content", field + ": " + reason,
                List.of(new ProblemDetail.InvalidParam(field, reason)));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<ProblemDetail.InvalidParam> invalidParams() {
        return invalidParams;
    }
}
