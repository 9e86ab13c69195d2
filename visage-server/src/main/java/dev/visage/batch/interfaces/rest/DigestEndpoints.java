package dev.visage.batch.interfaces.rest;

import dev.visage.access.application.CallerContext;
import dev.visage.batch.application.BatchJobIds;
import dev.visage.batch.application.BatchJobView;
import dev.visage.batch.application.BatchJobs;
import dev.visage.batch.application.DigestService;
import dev.visage.batch.application.InvalidBatchRequest;
import dev.visage.shared.interfaces.rest.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** What the digest routes do; the seed-compatible paths and /api/v1/digests both call it. */
@RequestScoped
public class DigestEndpoints {

    static final int ERRORS_SHOWN = 100;

    private final DigestService digests;
    private final BatchJobs jobs;
    private final CallerContext caller;
    private final ProgressStreams streams;

    @Inject
    public DigestEndpoints(DigestService digests, BatchJobs jobs, CallerContext caller, ProgressStreams streams) {
        this.digests = digests;
        this.jobs = jobs;
        this.caller = caller;
        this.streams = streams;
    }

    /** For CDI proxies only. */
    protected DigestEndpoints() {
        this(null, null, null, null);
    }

    Response submit(DigestDto.DigestRequestDto body, UriBuilder detail) {
        if (body == null) {
            throw ProblemException.badRequest("body", "a JSON object is required");
        }
        BatchJobView job;
        try {
            job = digests.submit(caller.tenantId(), new DigestService.DigestRequest(body.localDirPath(), body.s3Bucket(),
                    body.s3Prefix(), body.groupId(), body.confidence(), body.threads(), body.priority(),
                    body.webhookUrl(), body.webhookSecret()));
        } catch (InvalidBatchRequest e) {
            throw BatchProblems.of(e);
        }
        return Response.accepted(DigestDto.summary(job)).location(detail.build(BatchJobIds.wire(job))).build();
    }

    DigestDto.DigestList list(List<String> status, String groupId, String from, String to, Integer page, Integer pageSize) {
        Set<String> statuses = new LinkedHashSet<>();
        for (String s : status == null ? List.<String>of() : status) {
            for (String one : s.split(",")) {
                String v = one.trim().toLowerCase(Locale.ROOT);
                if (!v.isEmpty()) {
                    if (!BatchJobs.STATUSES.contains(v)) {
                        throw ProblemException.badRequest("status", "must be one of " + BatchJobs.STATUSES);
                    }
                    statuses.add(v);
                }
            }
        }
        Instant start = instant(from, "from", false);
        Instant end = instant(to, "to", true);
        int p = BatchProblems.positive(page, 1, Integer.MAX_VALUE, "page");
        int size = BatchProblems.positive(pageSize, 50, 500, "page_size");
        BatchJobs.Page<BatchJobView> found = jobs.search(caller.tenantId(), new BatchJobs.JobQuery("DIGEST", statuses,
                groupId == null || groupId.isBlank() ? null : groupId, start, end, p, size));
        return new DigestDto.DigestList(found.total(), p, size, found.items().stream().map(DigestDto::summary).toList());
    }

    DigestDto detail(String jobId, Integer facePage, Integer facePageSize) {
        UUID id = BatchProblems.id(jobId, "digest");
        BatchJobView job = jobs.find(caller.tenantId(), id)
                .orElseThrow(() -> ProblemException.notFound("digest " + jobId + " not found"));
        int page = BatchProblems.positive(facePage, 1, Integer.MAX_VALUE, "face_ids_page");
        int size = BatchProblems.positive(facePageSize, 100, 1000, "face_ids_page_size");
        BatchJobs.Page<BatchJobs.ItemProblem> problems = jobs.problems(caller.tenantId(), id, Set.of("failed", "skipped"),
                1, ERRORS_SHOWN);
        List<String> errors = new ArrayList<>();
        if (job.error() != null) {
            errors.add(job.error());
        }
        problems.items().forEach(p -> errors.add(p.imagePath() + ": " + p.reason()));
        List<String> warnings = new ArrayList<>();
        jobs.warnings(caller.tenantId(), id, ERRORS_SHOWN)
                .forEach(w -> w.warnings().forEach(text -> warnings.add(w.imagePath() + ": " + text)));
        BatchJobs.Page<UUID> faces = jobs.faceIds(caller.tenantId(), id, page, size);
        return DigestDto.summary(job).withDetail(errors, problems.total() + (job.error() == null ? 0 : 1), warnings,
                faces.items().stream().map(UUID::toString).toList(), faces.total(), page, size);
    }

    DigestDto cancel(String jobId) {
        UUID id = BatchProblems.id(jobId, "digest");
        return jobs.cancel(caller.tenantId(), id).map(DigestDto::summary)
                .orElseThrow(() -> ProblemException.notFound("digest " + jobId + " not found"));
    }

    void events(String jobId, SseEventSink sink, Sse sse) {
        UUID id = BatchProblems.id(jobId, "digest");
        if (jobs.find(caller.tenantId(), id).isEmpty()) {
            throw ProblemException.notFound("digest " + jobId + " not found");
        }
        streams.open(caller.tenantId(), id, sink, sse, DigestDto::summary);
    }

    /** An ISO-8601 instant, or a date (from: its start; to: the end of that day, UTC). */
    private static Instant instant(String value, String field, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate day = LocalDate.parse(value.trim());
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest(field, "must be an ISO-8601 instant (2026-01-31T12:00:00Z) or date (2026-01-31)");
            }
        }
    }
}
