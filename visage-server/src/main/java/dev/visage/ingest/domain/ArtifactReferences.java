package dev.visage.ingest.domain;

import java.util.Set;

/** The object keys ingest's rows still point at (ingested_images, faces, image_jobs): what retention must keep. */
public interface ArtifactReferences {

    /** Keys in the raw-images bucket of stored images and of image jobs' sources. */
    Set<String> rawKeys(String rawBucket);

    Set<String> cropKeys();

    Set<String> thumbKeys();

    Set<String> metadataKeys();
}
