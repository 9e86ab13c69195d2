package dev.visage.batch.infrastructure.source;

import dev.visage.batch.domain.BatchJob;
import dev.visage.batch.domain.ItemFeed;
import dev.visage.batch.domain.SourceType;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Image lists (add-images) register their items when they are submitted; a resumed
 * enumeration has nothing more to find and only closes the list.
 */
@ApplicationScoped
public class ObjectListFeed implements ItemFeed {

    @Override
    public SourceType type() {
        return SourceType.OBJECTS;
    }

    @Override
    public void feed(BatchJob job, ItemSink sink) {
        // nothing to find: the items were registered with the request
    }
}
