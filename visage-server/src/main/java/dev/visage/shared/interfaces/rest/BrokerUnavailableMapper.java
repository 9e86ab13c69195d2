package dev.visage.shared.interfaces.rest;

import jakarta.jms.JMSRuntimeException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A request whose message the broker did not take answers 503 with Retry-After, not a bare 500:
 * the request's transaction rolled back, so nothing was stored, and a retry succeeds once the
 * resource adapter is connected again (a broker restarting, or the seconds in which a replicated
 * pair switches its live broker, docs/operations.md "What fails over how").
 */
@Provider
public class BrokerUnavailableMapper implements ExceptionMapper<JMSRuntimeException> {

    static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public Response toResponse(JMSRuntimeException e) {
        Response problem = Problems.response(503, "Service Unavailable",
                "the message broker did not take the message (" + e.getMessage() + "); nothing was stored, retry");
        return Response.fromResponse(problem).header("Retry-After", RETRY_AFTER_SECONDS).build();
    }
}
