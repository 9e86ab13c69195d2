package dev.visage.shared.interfaces.rest;

import jakarta.ws.rs.core.Response;
import java.util.List;

/** Builds problem+json responses in one place, so every error looks the same. */
public final class Problems {

    private Problems() {
    }

    public static Response response(int status, String title, String detail, String instance,
                                    List<ProblemDetail.InvalidParam> invalidParams) {
        ProblemDetail body = new ProblemDetail("about:blank", title, status, detail, instance,
                invalidParams == null || invalidParams.isEmpty() ? null : invalidParams);
        return Response.status(status).type(ProblemDetail.MEDIA_TYPE).entity(body).build();
    }

    public static Response response(int status, String title, String detail) {
        return response(status, title, detail, null, List.of());
    }
}
