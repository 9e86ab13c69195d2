package dev.visage.recognition.interfaces.rest;

import dev.visage.recognition.application.RecognitionException;
import dev.visage.shared.interfaces.rest.Problems;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** problem+json whose {@code detail} is the kiosk error text; the status follows the kind. */
@Provider
public class RecognitionExceptionMapper implements ExceptionMapper<RecognitionException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(RecognitionException e) {
        int status = status(e.kind());
        return Problems.response(status, title(status), e.getMessage(),
                Problems.instance(uriInfo == null ? null : uriInfo.getPath()), null);
    }

    static int status(RecognitionException.Kind kind) {
        return switch (kind) {
            case VALIDATION, INVALID_IMAGE -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case NO_FACE -> 422;
        };
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            default -> "Unprocessable Content";
        };
    }
}
