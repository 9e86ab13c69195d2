package dev.visage.shared.interfaces.rest;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * RFC 9457 problem details. {@code invalid-params} names each field at fault, as in the
 * RFC's own example, so clients can point at the exact input to fix.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "instance", "invalidParams"})
public record ProblemDetail(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        @JsonbProperty("invalid-params") List<InvalidParam> invalidParams) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field at fault. */
    public record InvalidParam(String name, String reason) {
    }
}
