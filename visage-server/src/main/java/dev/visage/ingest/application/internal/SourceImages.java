package dev.visage.ingest.application.internal;

import dev.visage.ingest.application.FacePipeline.PermanentFailure;
import dev.visage.ingest.application.FacePipeline.TransientFailure;
import dev.visage.contracts.ingest.IngestMessage;
import dev.visage.shared.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Step 1 of the pipeline: a message's image bytes from the object store, at most
 * {@code visage.fetch.max-bytes}. A missing or oversized object is permanent; a store that does not
 * answer is transient.
 */
@ApplicationScoped
public class SourceImages {

    private final ObjectStore store;
    private final long maxBytes;

    @Inject
    public SourceImages(ObjectStore store, @ConfigProperty(name = "visage.fetch.max-bytes") long maxBytes) {
        this.store = store;
        this.maxBytes = maxBytes;
    }

    /** For CDI proxies only. */
    protected SourceImages() {
        this(null, 0);
    }

    byte[] fetch(IngestMessage m) throws PermanentFailure, TransientFailure {
        Optional<InputStream> in;
        try {
            in = store.open(m.bucket(), m.key());
        } catch (IllegalArgumentException e) {
            throw new PermanentFailure("invalid object reference " + m.bucket() + "/" + m.key() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new TransientFailure("object store unavailable: " + e, e);
        }
        if (in.isEmpty()) {
            throw new PermanentFailure("object not found: " + m.bucket() + "/" + m.key());
        }
        try (InputStream stream = in.get()) {
            byte[] bytes = stream.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new PermanentFailure("object larger than " + maxBytes + " bytes: " + m.bucket() + "/" + m.key());
            }
            return bytes;
        } catch (IOException e) {
            throw new TransientFailure("reading " + m.bucket() + "/" + m.key() + " failed: " + e, e);
        }
    }
}
