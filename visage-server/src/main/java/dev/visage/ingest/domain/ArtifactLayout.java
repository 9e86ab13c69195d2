package dev.visage.ingest.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the pipeline's artifacts live (README "Object layout"). Keys are derived only from
 * tenant, image sha256 and face index, so reprocessing writes the same keys again:
 * <pre>
 * raw-images/&lt;tenant&gt;/&lt;yyyy&gt;/&lt;MM&gt;/&lt;dd&gt;/&lt;sha256&gt;       uploads through POST /api/v1/ingest
 * face-crops/&lt;tenant&gt;/&lt;sha[0:2]&gt;/&lt;sha256&gt;/&lt;i&gt;.jpg       face i (0 = largest), box + padding
 * face-thumbs/&lt;tenant&gt;/&lt;sha[0:2]&gt;/&lt;sha256&gt;/&lt;i&gt;.jpg      the crop scaled to thumb-size
 * face-metadata/&lt;tenant&gt;/&lt;sha[0:2]&gt;/&lt;sha256&gt;.json        per-image metadata (faces, statuses, keys)
 * </pre>
 */
@ApplicationScoped
public class ArtifactLayout {

    private final String crops;
    private final String thumbs;
    private final String metadata;

    @Inject
    public ArtifactLayout(@ConfigProperty(name = "visage.storage.bucket.crops") String crops,
                          @ConfigProperty(name = "visage.storage.bucket.thumbs") String thumbs,
                          @ConfigProperty(name = "visage.storage.bucket.metadata") String metadata) {
        this.crops = crops;
        this.thumbs = thumbs;
        this.metadata = metadata;
    }

    /** For CDI proxies only. */
    protected ArtifactLayout() {
        this(null, null, null);
    }

    public String cropBucket() {
        return crops;
    }

    public String thumbBucket() {
        return thumbs;
    }

    public String metadataBucket() {
        return metadata;
    }

    public String cropKey(String tenant, String sha, int faceIndex) {
        return tenant + "/" + sha.substring(0, 2) + "/" + sha + "/" + faceIndex + ".jpg";
    }

    public String thumbKey(String tenant, String sha, int faceIndex) {
        return cropKey(tenant, sha, faceIndex);
    }

    public String metadataKey(String tenant, String sha) {
        return tenant + "/" + sha.substring(0, 2) + "/" + sha + ".json";
    }
}
