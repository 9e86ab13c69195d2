package dev.visage.shared.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSRuntimeException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** A send the broker refused is a 503 problem the client may retry, with the cause named. */
class BrokerUnavailableMapperTest {

    @Test
    void aRefusedSendIsRetryable() {
        Response r = new BrokerUnavailableMapper().toResponse(new JMSRuntimeException("Could not create a session"));
        assertEquals(503, r.getStatus());
        assertEquals("5", r.getHeaderString("Retry-After"));
        ProblemDetail body = (ProblemDetail) r.getEntity();
        assertEquals(503, body.status());
        assertTrue(body.detail().contains("Could not create a session") && body.detail().contains("retry"), body.detail());
    }
}
