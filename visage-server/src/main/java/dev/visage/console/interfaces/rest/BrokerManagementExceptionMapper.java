package dev.visage.console.interfaces.rest;

import dev.visage.console.application.BrokerManagementException;
import dev.visage.shared.interfaces.rest.Problems;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Broker management down or refusing: the broker may be fine, but the console cannot see it. */
@Provider
public class BrokerManagementExceptionMapper implements ExceptionMapper<BrokerManagementException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(BrokerManagementException e) {
        return Problems.response(503, "Service Unavailable", e.getMessage(),
                Problems.instance(uriInfo == null ? null : uriInfo.getPath()), null);
    }
}
