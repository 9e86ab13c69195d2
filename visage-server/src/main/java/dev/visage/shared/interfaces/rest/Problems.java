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

    /** The request path as a problem's {@code instance}, always with one leading slash. */
    public static String instance(String path) {
        if (path == null) {
            return null;
        }
        return path.startsWith("/") ? path : "/" + path;
    }

    public static Response response(int status, String title, String detail) {
        return response(status, title, detail, null, List.of());
    }
}
