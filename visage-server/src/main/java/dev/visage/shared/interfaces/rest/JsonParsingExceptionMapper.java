package dev.visage.shared.interfaces.rest;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Malformed JSON bodies answer 400 problem+json naming the body as the field at fault. */
@Provider
public class JsonParsingExceptionMapper implements ExceptionMapper<JsonbException> {

    @Override
    public Response toResponse(JsonbException e) {
        return Problems.response(400, "Bad Request", "body: malformed JSON (" + e.getMessage() + ")", null,
                java.util.List.of(new ProblemDetail.InvalidParam("body", "malformed JSON")));
    }
}
