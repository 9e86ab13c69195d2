package dev.visage.batch.infrastructure.source;

import dev.visage.batch.domain.BatchItemRepository.NewItem;
import dev.visage.batch.domain.BatchJob;
import dev.visage.batch.domain.ImageFiles;
import dev.visage.batch.domain.ItemFeed;
import dev.visage.batch.domain.SourceType;
import dev.visage.shared.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;

/** Every image object under an S3 bucket's prefix (listed in key order), subfolders included. */
@ApplicationScoped
public class S3PrefixFeed implements ItemFeed {

    private final S3Sources sources;

    @Inject
    public S3PrefixFeed(S3Sources sources) {
        this.sources = sources;
    }

    /** For CDI proxies only. */
    protected S3PrefixFeed() {
        this(null);
    }

    @Override
    public SourceType type() {
        return SourceType.S3;
    }

    @Override
    public void feed(BatchJob job, ItemSink sink) throws SourceUnavailable, IOException {
        for (ObjectStore.ObjectInfo o : sources.store().list(job.s3Bucket(), job.s3Prefix())) {
            if (!ImageFiles.isCandidate(o.key())) {
                continue;
            }
            if (!sink.accept(NewItem.image(o.key(), o.bucket(), o.key(), null))) {
                return;
            }
        }
    }
}
