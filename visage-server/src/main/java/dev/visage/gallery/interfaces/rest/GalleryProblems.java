package dev.visage.gallery.interfaces.rest;

import dev.visage.gallery.application.GalleryException;
import dev.visage.shared.interfaces.rest.ProblemDetail;
import dev.visage.shared.interfaces.rest.ProblemException;
import java.util.List;
import java.util.Map;

/** Gallery refusals as problem+json, naming the request field at fault. */
final class GalleryProblems {

    private GalleryProblems() {
    }

    /** @param renames service field names as this request spells them (e.g. image → file for multipart) */
    static ProblemException of(GalleryException e, Map<String, String> renames) {
        String field = e.field() == null ? null : renames.getOrDefault(e.field(), e.field());
        String detail = field == null ? e.getMessage() : field + ": " + e.getMessage();
        List<ProblemDetail.InvalidParam> params = field == null ? List.of()
                : List.of(new ProblemDetail.InvalidParam(field, e.getMessage()));
        return switch (e.kind()) {
            case INVALID -> new ProblemException(400, "Bad Request", detail, params);
            case UNPROCESSABLE -> new ProblemException(422, "Unprocessable Content", detail, params);
            case NOT_FOUND -> new ProblemException(404, "Not Found", detail, params);
            case CONFLICT -> new ProblemException(409, "Conflict", detail, params);
        };
    }

    static ProblemException of(GalleryException e) {
        return of(e, Map.of());
    }
}
