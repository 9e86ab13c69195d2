package dev.visage.batch.domain;

import java.util.Locale;

/**
 * Where a batch's images are read from: a folder under a configured root, an S3 prefix, the
 * entries of an uploaded ZIP (extracted into the object store), or objects and URLs listed by
 * the caller.
 */
public enum SourceType {
    LOCAL, S3, ZIP, OBJECTS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
