package dev.visage.gallery.application.internal;

import dev.visage.gallery.application.Clustering.ClusterSummary;
import dev.visage.gallery.application.GalleryException;
import dev.visage.gallery.domain.ClusterRepository;
import dev.visage.ingest.application.StoredFaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The clusters and faces people's corrections name, checked: unknown ones are the caller's error. */
@ApplicationScoped
public class ClusterLookup {

    private final ClusterRepository repo;
    private final StoredFaces faces;

    @Inject
    public ClusterLookup(ClusterRepository repo, StoredFaces faces) {
        this.repo = repo;
        this.faces = faces;
    }

    /** For CDI proxies only. */
    protected ClusterLookup() {
        this(null, null);
    }

    void checkFaces(UUID scopeId, List<UUID> faceIds) throws GalleryException {
        if (faceIds == null || faceIds.isEmpty()) {
            throw GalleryException.invalid("face_ids", "name at least one face");
        }
        Map<UUID, ClusterRepository.Member> placed = repo.members(scopeId, faceIds);
        for (UUID id : faceIds) {
            if (!placed.containsKey(id)) {
                throw GalleryException.invalid("face_ids", "face " + id + " is not in this cluster's group");
            }
        }
    }

    ClusterRepository.Cluster cluster(String tenantId, UUID clusterId) throws GalleryException {
        return repo.cluster(tenantId, clusterId).orElseThrow(() -> GalleryException.notFound(
                "no such cluster: " + clusterId));
    }

    ClusterRepository.Scope scopeOf(String tenantId, ClusterRepository.Cluster c) {
        return repo.scopes(tenantId).stream().filter(s -> s.id().equals(c.scopeId())).findFirst().orElseThrow();
    }

    ClusterSummary summary(String tenantId, UUID clusterId) throws GalleryException {
        ClusterRepository.Cluster c = cluster(tenantId, clusterId);
        return summary(scopeOf(tenantId, c), c);
    }

    ClusterSummary summary(ClusterRepository.Scope scope, ClusterRepository.Cluster c) {
        return new ClusterSummary(c.id(), scope.groupId(), c.name(), c.size(), c.representativeFaceId());
    }

    Map<UUID, String> imagePaths(String tenantId, List<UUID> ids) {
        Map<UUID, String> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += DefaultClustering.ID_PAGE) {
            for (StoredFaces.StoredFace f : faces.find(tenantId, ids.subList(from, Math.min(ids.size(), from + DefaultClustering.ID_PAGE)))) {
                out.put(f.id(), DefaultFaceSearch.imagePath(f));
            }
        }
        return out;
    }
}
