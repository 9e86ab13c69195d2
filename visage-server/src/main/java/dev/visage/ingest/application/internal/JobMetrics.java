package dev.visage.ingest.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;

/** Image-job counters and timings published through MicroProfile Metrics. */
@ApplicationScoped
public class JobMetrics {

    private final Counter accepted;
    private final Counter completed;
    private final Counter failed;
    private final Timer processing;

    @Inject
    public JobMetrics(MetricRegistry registry) {
        this.accepted = registry.counter(described("visage_image_jobs_accepted_total", "Image jobs accepted (202) by the API"));
        this.completed = registry.counter(described("visage_image_jobs_completed_total", "Image jobs completed by the worker"));
        this.failed = registry.counter(described("visage_image_jobs_failed_total", "Image jobs that ended failed, with a reason"));
        this.processing = registry.timer(described("visage_image_job_processing", "Worker time per image job"));
    }

    private static Metadata described(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }

    /** For CDI proxies only. */
    protected JobMetrics() {
        this.accepted = null;
        this.completed = null;
        this.failed = null;
        this.processing = null;
    }

    void accepted() {
        accepted.inc();
    }

    void completed(long nanos) {
        completed.inc();
        processing.update(Duration.ofNanos(nanos));
    }

    void failed() {
        failed.inc();
    }
}
