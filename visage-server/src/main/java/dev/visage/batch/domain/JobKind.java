package dev.visage.batch.domain;

/** How a batch was submitted: a digest (folder or S3 prefix), a ZIP upload, or a list of images. */
public enum JobKind {
    DIGEST, ZIP, IMAGES
}
