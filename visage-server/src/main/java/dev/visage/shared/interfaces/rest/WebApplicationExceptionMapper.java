package dev.visage.shared.interfaces.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * JAX-RS' own errors (unknown route 404, 405, 415 unsupported media type, 406) as
 * problem+json, so clients never have to parse two error shapes.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        String reason = original.getStatusInfo().getReasonPhrase();
        String detail = switch (status) {
            case 415 -> "Unsupported Content-Type; see the OpenAPI document for accepted media types";
            case 405 -> "Method not allowed on this resource";
            case 404 -> "No such resource";
            default -> e.getMessage();
        };
        return Problems.response(status, reason, detail, Problems.instance(uriInfo == null ? null : uriInfo.getPath()), null);
    }
}
