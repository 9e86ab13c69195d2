package dev.visage.ingest.application.internal;

import dev.visage.ingest.domain.ImageJob;
import dev.visage.ingest.domain.ImageJobRepository;
import dev.visage.ingest.domain.ImageSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * State changes that must be visible while the worker is still busy, so they commit in
 * their own transaction (a separate bean: self-invocation would bypass the interceptor).
 */
@ApplicationScoped
public class JobTransitions {

    /** What the worker needs to know about a job it has started. */
    public record Started(UUID jobId, String tenantId, ImageSource source) {
    }

    private final ImageJobRepository jobs;
    private final Clock clock;

    @Inject
    public JobTransitions(ImageJobRepository jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected JobTransitions() {
        this.jobs = null;
        this.clock = null;
    }

    /** Empty when the job is unknown; a finished job is reported with {@code null} source. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Started> start(UUID jobId) {
        Optional<ImageJob> job = jobs.find(jobId);
        if (job.isEmpty()) {
            return Optional.empty();
        }
        ImageJob j = job.get();
        boolean started = j.start(clock.instant());
        return Optional.of(new Started(j.id(), j.tenantId(), started ? j.source() : null));
    }
}
