package dev.visage.shared.interfaces.rest;

import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * 413: a body or one of its parts is over its limit. Thrown by the bounded stream while
 * reading, so it may reach the resource wrapped by a reader; {@link #in} finds it again.
 */
public class BodyTooLargeException extends ProblemException {

    public BodyTooLargeException(String field, long limit, String setting) {
        super(413, "Content Too Large", field + ": larger than the limit of " + limit + " bytes (raise it with "
                + setting + ")", List.of(new ProblemDetail.InvalidParam(field, "larger than " + limit + " bytes; setting "
                + setting)));
    }

    /**
     * The problem+json answer, asking to close the connection: the client may still be sending,
     * and the rest of its body is not worth reading.
     */
    public Response response(String instance) {
        return Response.fromResponse(Problems.response(status(), title(), getMessage(), instance, invalidParams()))
                .header("Connection", "close").build();
    }

    /** The 413 somewhere in {@code e}'s causes, or null. */
    public static BodyTooLargeException in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BodyTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }
}
