package dev.visage.gallery.application.internal;

import dev.visage.gallery.application.FaceSearch;
import dev.visage.gallery.application.GalleryFaces;
import dev.visage.gallery.domain.ClusterRepository;
import dev.visage.ingest.application.StoredFaces;
import dev.visage.shared.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;

/** A stored face (ingest's record), its crop (the object store) and its clusters (gallery's own tables). */
@ApplicationScoped
public class DefaultGalleryFaces implements GalleryFaces {

    private final StoredFaces faces;
    private final ObjectStore store;
    private final ClusterRepository clusters;

    @Inject
    public DefaultGalleryFaces(StoredFaces faces, ObjectStore store, ClusterRepository clusters) {
        this.faces = faces;
        this.store = store;
        this.clusters = clusters;
    }

    /** For CDI proxies only. */
    protected DefaultGalleryFaces() {
        this(null, null, null);
    }

    @Override
    public Optional<FaceDetails> face(String tenantId, UUID faceId) {
        return faces.find(tenantId, faceId).map(f -> new FaceDetails(f.id(), f.groupId(), f.site(), f.url(),
                DefaultFaceSearch.imagePath(f), f.imageSha256(), f.faceIndex(),
                new FaceSearch.Box(f.x(), f.y(), f.width(), f.height()), f.detScore(), f.sharpness(), f.age(),
                f.gender(), f.antispoof(), f.model(), f.cropKey() != null, f.createdAt(),
                clusters.memberships(tenantId, faceId).stream()
                        .map(m -> new Membership(m.groupId(), m.clusterId(), m.name())).toList()));
    }

    @Override
    public Optional<InputStream> crop(String tenantId, UUID faceId) throws IOException {
        Optional<StoredFaces.StoredFace> face = faces.find(tenantId, faceId);
        if (face.isEmpty() || face.get().cropKey() == null) {
            return Optional.empty();
        }
        return store.open(face.get().cropBucket(), face.get().cropKey());
    }
}
