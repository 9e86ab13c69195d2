package dev.visage.ingest.application.internal;

import dev.visage.dedup.application.PerceptualHasher;
import dev.visage.inference.application.ImageDecoder;
import dev.visage.inference.application.UndecodableImageException;
import dev.visage.ingest.application.IngestDispatcher;
import dev.visage.contracts.ingest.IngestMessage;
import dev.visage.ingest.application.IngestMessages;
import dev.visage.ingest.application.IngestService;
import dev.visage.shared.io.Sha256;
import dev.visage.shared.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class DefaultIngestService implements IngestService {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    /** Placeholder pHash for uploads that do not decode; the worker dead-letters them as "not an image". */
    static final String NO_PHASH = "0000000000000000";

    private final IngestDispatcher dispatcher;
    private final ObjectStore store;
    private final ImageDecoder decoder;
    private final PerceptualHasher hasher;
    private final Clock clock;
    private final String rawBucket;

    @Inject
    public DefaultIngestService(IngestDispatcher dispatcher, ObjectStore store, ImageDecoder decoder,
                                PerceptualHasher hasher, Clock clock,
                                @ConfigProperty(name = "visage.storage.bucket.raw") String rawBucket) {
        this.dispatcher = dispatcher;
        this.store = store;
        this.decoder = decoder;
        this.hasher = hasher;
        this.clock = clock;
        this.rawBucket = rawBucket;
    }

    /** For CDI proxies only. */
    protected DefaultIngestService() {
        this(null, null, null, null, null, null);
    }

    @Override
    @Transactional
    public int submit(List<IngestMessage> messages) {
        messages.forEach(m -> dispatcher.send(IngestMessages.toJson(m)));
        return messages.size();
    }

    @Override
    @Transactional
    public IngestMessage submitUpload(String tenantId, byte[] content, String contentType, String site, String url,
                                      String groupId) throws IOException {
        String sha = Sha256.hex(content);
        String key = tenantId + "/" + DAY.format(clock.instant()) + "/" + sha;
        // Stored before the message commits: a rolled-back request leaves an object that the
        // retention tool reports as unreferenced, never a message without its object.
        store.put(rawBucket, key, new ByteArrayInputStream(content), contentType);
        String phash;
        try {
            // The message's pHash is a hint (the worker hashes the pixels it decodes): hashed from the
            // decoder's cheapest preview, so that uploads keep up with the workers.
            phash = PerceptualHasher.toHex(hasher.hash(decoder.preview(content).image()));
        } catch (UndecodableImageException e) {
            phash = NO_PHASH;
        }
        IngestMessage m = new IngestMessage(sha, rawBucket, key, tenantId, site == null ? "upload" : site,
                url == null ? "" : url, phash, null, groupId);
        dispatcher.send(IngestMessages.toJson(m));
        return m;
    }
}
