package dev.visage.ingest.application;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Retention dry-run over the pipeline's buckets: objects older than N days, and objects
 * no database row refers to. Only with {@code apply} are objects deleted, and then only
 * those that are both unreferenced and older than N days (the age is the grace period for
 * uploads whose message is still in flight).
 */
public interface RetentionService {

    Report run(int olderThanDays, boolean apply) throws IOException;

    record Entry(String bucket, String key, long size, Instant lastModified, boolean referenced) {
    }

    /** Lists are capped at {@link #LIMIT} entries; the counts are complete. */
    record Report(int olderThanDays, boolean applied, long scanned, long oldCount, long unreferencedCount, long deleted,
                  List<Entry> old, List<Entry> unreferenced) {
        public static final int LIMIT = 1000;
    }
}
