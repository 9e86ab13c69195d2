package dev.visage.batch.interfaces.rest;

import dev.visage.batch.application.BatchJobIds;
import dev.visage.batch.application.InvalidBatchRequest;
import dev.visage.shared.interfaces.rest.ProblemDetail;
import dev.visage.shared.interfaces.rest.ProblemException;
import java.util.UUID;

/** problem+json for the batch endpoints. */
final class BatchProblems {

    private BatchProblems() {
    }

    static ProblemException of(InvalidBatchRequest e) {
        return new ProblemException(422, "Unprocessable Content", e.getMessage(), e.problems().stream()
                .map(p -> new ProblemDetail.InvalidParam(p.getKey(), p.getValue())).toList());
    }

    static UUID id(String wireId, String what) {
        return BatchJobIds.parse(wireId).orElseThrow(() -> ProblemException.notFound(what + " " + wireId + " not found"));
    }

    static int positive(Integer value, int fallback, int max, String field) {
        int v = value == null ? fallback : value;
        if (v < 1 || v > max) {
            throw ProblemException.badRequest(field, "must be between 1 and " + max);
        }
        return v;
    }
}
