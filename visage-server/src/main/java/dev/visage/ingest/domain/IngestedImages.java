package dev.visage.ingest.domain;

import java.time.OffsetDateTime;
import java.util.Optional;

/** The images each tenant's messages brought through the pipeline (ingested_images). */
public interface IngestedImages {

    Optional<IngestedImage> find(String tenantId, String imageSha256);

    /** Records that a message brought the image again. */
    void touch(String tenantId, String imageSha256, OffsetDateTime at);
}
