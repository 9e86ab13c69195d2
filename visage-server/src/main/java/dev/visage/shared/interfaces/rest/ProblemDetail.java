package dev.visage.shared.interfaces.rest;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * RFC 9457 problem details. {@code invalid-params} names each field at fault, as in the
 * RFC's own example, so clients can point at the exact input to fix.
 * The OpenAPI document lists it as the one {@code Problem} schema that every 4xx answer refers to
 * (see {@link ProblemResponsesFilter}).
 */
@Schema(name = "Problem", description = "RFC 9457 problem details, served as application/problem+json")
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
    @Schema(name = "InvalidParam", description = "A request field at fault and why")
    public record InvalidParam(String name, String reason) {
    }
}
