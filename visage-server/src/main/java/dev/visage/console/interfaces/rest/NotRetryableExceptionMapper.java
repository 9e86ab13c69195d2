package dev.visage.console.interfaces.rest;

import dev.visage.console.application.NotRetryableException;
import dev.visage.shared.interfaces.rest.Problems;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A dead letter that cannot go back is a conflict with its state, not a server error. */
@Provider
public class NotRetryableExceptionMapper implements ExceptionMapper<NotRetryableException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(NotRetryableException e) {
        return Problems.response(409, "Conflict", e.getMessage(),
                Problems.instance(uriInfo == null ? null : uriInfo.getPath()), null);
    }
}
