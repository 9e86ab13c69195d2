package dev.visage.ingest.domain;

/**
 * What the pipeline recorded of an image the first time a message brought it to a tenant
 * (a row of ingested_images; later messages of the same image only touch it).
 *
 * @param phash the 64-bit perceptual hash of its pixels
 * @param warnings what the decoder recovered from (e.g. a truncated JPEG)
 */
public record IngestedImage(String tenantId, String imageSha256, long phash, int facesDetected, int facesRejected,
                            String metadataKey, java.util.List<String> warnings) {

    /** Faces that passed the quality gate: the ones a re-crawl finds again and skips as duplicates. */
    public int facesAccepted() {
        return facesDetected - facesRejected;
    }
}
