package dev.visage.batch.application;

/**
 * Digests: every image below a folder (under a configured root) or an S3 prefix, processed as
 * a durable job. Returns at once; the images are found and queued in the background.
 */
public interface DigestService {

    BatchJobView submit(String tenantId, DigestRequest request) throws InvalidBatchRequest;

    /**
     * Exactly one source: {@code localDirPath}, or {@code s3Bucket} with {@code s3Prefix} ("" for the
     * whole bucket). Null settings take their defaults (confidence 0.5, threads 4, priority 4).
     *
     * @param threads    most images of this job processed at once (1-64)
     * @param priority   JMS priority 0 (lowest) - 9 (highest)
     * @param webhookUrl called when the job ends (signed with webhookSecret), or null
     */
    record DigestRequest(String localDirPath, String s3Bucket, String s3Prefix, String groupId, Double confidence,
                         Integer threads, Integer priority, String webhookUrl, String webhookSecret) {
    }
}
