package dev.visage.shared.interfaces.rest;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Renders {@link ProblemException} as {@code application/problem+json}. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(ProblemException e) {
        if (e instanceof BodyTooLargeException tooLarge) {
            return tooLarge.response(instance());
        }
        return Problems.response(e.status(), e.title(), e.getMessage(), instance(), e.invalidParams());
    }

    private String instance() {
        return Problems.instance(uriInfo == null ? null : uriInfo.getPath());
    }
}
