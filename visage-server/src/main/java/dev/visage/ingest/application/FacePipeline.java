package dev.visage.ingest.application;

import dev.visage.contracts.ingest.IngestMessage;
import java.util.Map;

/**
 * The runbook's 12 steps for one message: fetch, decode, detect, align+crop, quality,
 * embed, dedup, artifact paths, store artifacts, index in pgvector, update metrics,
 * result. Runs in the caller's transaction (the consuming MDB's), so rows, dedup entries
 * and counters commit together with the message's acknowledgement.
 */
public interface FacePipeline {

    /** The 12 stage names, in order, as they appear under timings_ms. */
    java.util.List<String> STAGES = java.util.List.of("fetch", "decode", "detect", "align_crop", "quality", "embed",
            "dedup", "artifact_paths", "store_artifacts", "index", "update_metrics", "result");

    Result process(IngestMessage message) throws PermanentFailure, TransientFailure;

    /**
     * @param facesDetected all faces the detector found
     * @param facesProcessed stored and indexed
     * @param facesRejected refused by the quality gate
     * @param facesDupSkipped seen before (face key) within the TTL
     * @param warnings damage the decoder recovered from (e.g. {@code truncated: ...}); empty when sound
     */
    record Result(String tenantId, String imageSha256, String phash, int facesDetected, int facesProcessed,
                  int facesRejected, int facesDupSkipped, String metadataKey, Map<String, Double> timingsMs,
                  java.util.List<String> warnings) {

        public Result {
            warnings = java.util.List.copyOf(warnings);
        }
    }

    /** Retrying cannot help (not an image, object missing, hash mismatch): dead-letter with the reason. */
    final class PermanentFailure extends Exception {
        public PermanentFailure(String reason) {
            super(reason);
        }
    }

    /** Storage or another dependency failed: roll back and let the broker redeliver. */
    final class TransientFailure extends Exception {
        public TransientFailure(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
