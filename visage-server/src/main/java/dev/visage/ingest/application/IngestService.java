package dev.visage.ingest.application;

import dev.visage.contracts.ingest.IngestMessage;
import java.io.IOException;
import java.util.List;

/** Puts face-pipeline messages on the ingest queue (REST producers). */
public interface IngestService {

    /** Sends every message in one transaction; returns how many. */
    int submit(List<IngestMessage> messages);

    /**
     * Stores an uploaded image in the raw-images bucket under {@code <tenant>/<yyyy>/<MM>/<dd>/<sha256>},
     * then queues its message (with the optional group id) (sha256 computed here; pHash computed when the bytes decode).
     */
    IngestMessage submitUpload(String tenantId, byte[] content, String contentType, String site, String url,
                               String groupId) throws IOException;
}
