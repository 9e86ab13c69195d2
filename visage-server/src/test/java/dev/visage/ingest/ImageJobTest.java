package dev.visage.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.ingest.domain.ImageFacts;
import dev.visage.ingest.domain.ImageJob;
import dev.visage.ingest.domain.ImageSource;
import dev.visage.ingest.domain.JobStatus;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ImageJobTest {

    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    private ImageJob job() {
        return new ImageJob(UUID.randomUUID(), "acme", ImageSource.object("raw-images", "a/b.jpg"), "image/jpeg", t0);
    }

    @Test
    void lifecycleQueuedProcessingCompleted() {
        ImageJob job = job();
        assertEquals(JobStatus.QUEUED, job.status());
        assertTrue(job.start(t0.plusSeconds(1)));
        assertEquals(JobStatus.PROCESSING, job.status());
        job.complete(new ImageFacts("ab".repeat(32), 10, 20, "0123456789abcdef", "jpeg", 99, java.util.List.of()), t0.plusSeconds(2));
        assertEquals(JobStatus.COMPLETED, job.status());
        assertEquals(1, job.attempts());
        assertEquals(20, job.height());
    }

    @Test
    void finishedJobsAreNotStartedAgain() {
        ImageJob job = job();
        job.start(t0);
        job.fail("not an image: x", t0);
        assertFalse(job.start(t0.plusSeconds(5)), "a redelivery must not reprocess a finished job");
        job.complete(new ImageFacts("x", 1, 1, "0", "png", 1, java.util.List.of()), t0);
        assertEquals(JobStatus.FAILED, job.status(), "final states are sticky");
        assertEquals("not an image: x", job.failureReason());
    }

    @Test
    void retriesCountAttempts() {
        ImageJob job = job();
        job.start(t0);
        job.start(t0.plusSeconds(1));
        assertEquals(2, job.attempts());
        assertEquals(t0, job.startedAt());
    }
}
