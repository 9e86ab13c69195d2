package dev.visage.gallery.infrastructure;

import dev.visage.gallery.application.Reindexing;
import dev.visage.shared.infrastructure.SchemaReady;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Picks up re-index jobs a stop interrupted, once the schema is there. */
@ApplicationScoped
public class ReindexResumer {

    private final Reindexing reindexing;

    @Inject
    public ReindexResumer(Reindexing reindexing) {
        this.reindexing = reindexing;
    }

    /** For CDI proxies only. */
    protected ReindexResumer() {
        this(null);
    }

    void resume(@Observes SchemaReady ready) {
        reindexing.resume();
    }
}
