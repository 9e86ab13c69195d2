package dev.visage.ingest.application.internal;

import dev.visage.ingest.application.RetentionService;
import dev.visage.ingest.domain.ArtifactLayout;
import dev.visage.ingest.domain.ArtifactReferences;
import dev.visage.shared.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Referenced keys come from ingested_images, faces and image_jobs (all owned by ingest). */
@ApplicationScoped
public class DefaultRetentionService implements RetentionService {

    private final ObjectStore store;
    private final ArtifactLayout layout;
    private final ArtifactReferences references;
    private final String rawBucket;
    private final Clock clock;

    @Inject
    public DefaultRetentionService(ObjectStore store, ArtifactLayout layout, ArtifactReferences references, Clock clock,
                                   @ConfigProperty(name = "visage.storage.bucket.raw") String rawBucket) {
        this.store = store;
        this.layout = layout;
        this.references = references;
        this.clock = clock;
        this.rawBucket = rawBucket;
    }

    /** For CDI proxies only. */
    protected DefaultRetentionService() {
        this(null, null, null, null, null);
    }

    @Override
    @Transactional
    public Report run(int olderThanDays, boolean apply) throws IOException {
        if (olderThanDays < 0) {
            throw new IllegalArgumentException("older_than_days must be >= 0");
        }
        Instant cutoff = clock.instant().minus(Duration.ofDays(olderThanDays));
        Map<String, Set<String>> referenced = new LinkedHashMap<>();
        referenced.put(rawBucket, references.rawKeys(rawBucket));
        referenced.put(layout.cropBucket(), references.cropKeys());
        referenced.put(layout.thumbBucket(), references.thumbKeys());
        referenced.put(layout.metadataBucket(), references.metadataKeys());

        long scanned = 0;
        long oldCount = 0;
        long unreferencedCount = 0;
        long deleted = 0;
        List<Entry> old = new ArrayList<>();
        List<Entry> unreferenced = new ArrayList<>();
        for (Map.Entry<String, Set<String>> bucket : referenced.entrySet()) {
            for (var o : store.list(bucket.getKey(), "")) {
                scanned++;
                boolean isReferenced = bucket.getValue().contains(o.key());
                boolean isOld = o.lastModified().isBefore(cutoff);
                Entry e = new Entry(o.bucket(), o.key(), o.size(), o.lastModified(), isReferenced);
                if (isOld) {
                    oldCount++;
                    if (old.size() < Report.LIMIT) {
                        old.add(e);
                    }
                }
                if (!isReferenced) {
                    unreferencedCount++;
                    if (unreferenced.size() < Report.LIMIT) {
                        unreferenced.add(e);
                    }
                    if (apply && isOld && store.delete(o.bucket(), o.key())) {
                        deleted++;
                    }
                }
            }
        }
        return new Report(olderThanDays, apply, scanned, oldCount, unreferencedCount, deleted, old, unreferenced);
    }
}
