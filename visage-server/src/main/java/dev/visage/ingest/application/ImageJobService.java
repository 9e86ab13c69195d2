package dev.visage.ingest.application;

import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;

/** Accepts images as jobs and processes them; the REST and JMS adapters call only this. */
public interface ImageJobService {

    /** Stores the upload in the raw-images bucket and queues a job, in one transaction. */
    JobView submitUpload(String tenantId, InputStream content, String contentType) throws java.io.IOException;

    JobView submitUrl(String tenantId, String url);

    JobView submitObject(String tenantId, String bucket, String key);

    Optional<JobView> find(String tenantId, UUID jobId);

    /**
     * Processes one delivery of a job message. Returns normally when the message may be
     * acknowledged (job finished either way); throws {@link TransientJobFailure} when it
     * should be redelivered.
     */
    void process(UUID jobId, int deliveryAttempt, int maxAttempts) throws TransientJobFailure;

    /** The job's last attempt failed transiently: record the reason as final. */
    void giveUp(UUID jobId, String reason);
}
