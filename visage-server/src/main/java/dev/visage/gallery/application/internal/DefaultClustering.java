package dev.visage.gallery.application.internal;

import dev.visage.gallery.application.Clustering;
import dev.visage.gallery.application.GalleryException;
import dev.visage.gallery.domain.ClusterRepository;
import dev.visage.gallery.domain.DensityClustering;
import dev.visage.ingest.application.StoredFaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Orchestrates clustering: full runs read the scope's k-nearest-neighbour graph from pgvector in
 * batches (outside any transaction, so large scopes do not hit the transaction timeout) and hand the
 * result to {@link ClusterWriter}, which writes it in one short transaction.
 */
@ApplicationScoped
public class DefaultClustering implements Clustering {

    private static final Logger LOG = Logger.getLogger(DefaultClustering.class.getName());
    /** Faces whose neighbours are asked for in one statement. */
    static final int GRAPH_BATCH = 256;
    static final int ID_PAGE = 10000;

    private final StoredFaces faces;
    private final ClusterRepository repo;
    private final ClusterWriter writer;
    private final ClusterLookup lookup;
    private final ClusterSweep sweeper;
    private final ClusterSettings settings;
    private final TenantModels models;
    private final int sweepBatch;
    private final long settleMillis;

    @Inject
    public DefaultClustering(StoredFaces faces, ClusterRepository repo, ClusterWriter writer, ClusterLookup lookup,
                             ClusterSweep sweeper, ClusterSettings settings, TenantModels models,
                             @ConfigProperty(name = "visage.cluster.sweep-batch") int sweepBatch,
                             @ConfigProperty(name = "visage.cluster.sweep-settle-ms") long settleMillis) {
        this.faces = faces;
        this.repo = repo;
        this.writer = writer;
        this.lookup = lookup;
        this.sweeper = sweeper;
        this.settings = settings;
        this.models = models;
        this.sweepBatch = sweepBatch;
        this.settleMillis = settleMillis;
    }

    /** For CDI proxies only. */
    protected DefaultClustering() {
        this(null, null, null, null, null, null, null, 1, 0);
    }

    @Override
    public ScopeClusters clusterFaces(String tenantId, String groupId, Params params, boolean recluster)
            throws GalleryException {
        Optional<ClusterRepository.Scope> scope = repo.scope(tenantId, groupId);
        String model = models.current(tenantId).model();
        Resolved p = resolve(scope, model, params);
        boolean full = recluster || scope.isEmpty() || !scope.get().model().equals(model)
                || p.minSimilarity != scope.get().minSimilarity() || p.minFaces != scope.get().minFaces();
        if (full) {
            recluster(tenantId, groupId, params);
        } else {
            reconcile(scope.get());
        }
        Optional<ClusterRepository.Scope> now = repo.scope(tenantId, groupId);
        if (now.isEmpty()) {
            return new ScopeClusters(groupId, model, p.minSimilarity, p.minFaces, null, List.of(), List.of());
        }
        ClusterRepository.Scope s = now.get();
        List<ClusterRepository.Member> members = repo.members(s.id());
        Map<UUID, String> paths = lookup.imagePaths(tenantId, members.stream().map(ClusterRepository.Member::faceId).toList());
        Map<UUID, List<FaceRef>> byCluster = new HashMap<>();
        List<FaceRef> unclustered = new ArrayList<>();
        for (ClusterRepository.Member m : members) {
            if (!paths.containsKey(m.faceId())) {
                continue; // the face is gone from ingest's table
            }
            FaceRef ref = new FaceRef(m.faceId(), paths.get(m.faceId()));
            if (m.clusterId() == null) {
                unclustered.add(ref);
            } else {
                byCluster.computeIfAbsent(m.clusterId(), k -> new ArrayList<>()).add(ref);
            }
        }
        List<ClusterMembers> clusters = new ArrayList<>();
        for (ClusterRepository.Cluster c : repo.clusters(s.id(), 0, Integer.MAX_VALUE)) {
            List<FaceRef> refs = byCluster.getOrDefault(c.id(), List.of());
            clusters.add(new ClusterMembers(lookup.summary(s, c), refs));
        }
        return new ScopeClusters(groupId, s.model(), s.minSimilarity(), s.minFaces(), s.reclusteredAt(), clusters,
                unclustered);
    }

    @Override
    public ReclusterReport recluster(String tenantId, String groupId, Params params) throws GalleryException {
        String model = models.current(tenantId).model();
        Optional<ClusterRepository.Scope> existing = repo.scope(tenantId, groupId);
        Resolved p = resolve(existing, model, params);
        StoredFaces.Filter filter = filter(groupId);
        List<UUID> ids = new ArrayList<>();
        for (List<UUID> page = faces.ids(tenantId, model, filter, null, ID_PAGE); !page.isEmpty();
             page = faces.ids(tenantId, model, filter, page.get(page.size() - 1), ID_PAGE)) {
            ids.addAll(page);
        }
        if (ids.isEmpty() && existing.isEmpty()) {
            return new ReclusterReport(groupId, model, p.minSimilarity, p.minFaces, 0, 0, 0);
        }
        ClusterRepository.Scope scope = existing.orElseGet(() -> writerScope(tenantId, groupId, model, p));
        Map<UUID, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            index.put(ids.get(i), i);
        }
        List<List<DensityClustering.Neighbour>> graph = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += GRAPH_BATCH) {
            List<UUID> batch = ids.subList(from, Math.min(ids.size(), from + GRAPH_BATCH));
            Map<UUID, List<StoredFaces.Neighbour>> near = faces.neighbours(tenantId, model, filter, batch,
                    settings.neighbours(), p.minSimilarity, settings.efSearch());
            for (UUID id : batch) {
                List<DensityClustering.Neighbour> list = new ArrayList<>();
                for (StoredFaces.Neighbour n : near.getOrDefault(id, List.of())) {
                    Integer j = index.get(n.faceId());
                    if (j != null) {
                        list.add(new DensityClustering.Neighbour(j, n.similarity()));
                    }
                }
                graph.add(list);
            }
        }
        DensityClustering.Result result = DensityClustering.cluster(graph,
                new DensityClustering.Params(p.minSimilarity, p.minFaces));
        double[] centrality = new double[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            for (DensityClustering.Neighbour n : graph.get(i)) {
                if (result.labels()[i] >= 0 && result.labels()[n.index()] == result.labels()[i]) {
                    centrality[i] += n.similarity();
                    centrality[n.index()] += n.similarity();
                }
            }
        }
        writer.replace(scope.id(), model, p.minSimilarity, p.minFaces, ids, result.labels(), centrality);
        int unclustered = (int) java.util.Arrays.stream(result.labels()).filter(l -> l < 0).count();
        LOG.info(() -> "re-clustered " + tenantId + "/" + (groupId == null ? "*" : groupId) + ": " + ids.size()
                + " faces, " + result.clusters() + " clusters, " + unclustered + " unclustered (min similarity "
                + p.minSimilarity + ", min faces " + p.minFaces + ")");
        return new ReclusterReport(groupId, model, p.minSimilarity, p.minFaces, ids.size(), result.clusters(),
                unclustered);
    }

    private ClusterRepository.Scope writerScope(String tenantId, String groupId, String model, Resolved p) {
        return writer.scope(tenantId, groupId, model, p.minSimilarity, p.minFaces);
    }

    @Override
    public List<ClusterSummary> list(String tenantId, String groupId, int offset, int limit) throws GalleryException {
        ClusterRepository.Scope scope = repo.scope(tenantId, groupId).orElseThrow(() -> GalleryException.notFound(
                groupId == null ? "the tenant's faces have not been clustered" : "no clusters for group " + groupId));
        return repo.clusters(scope.id(), offset, limit).stream().map(c -> lookup.summary(scope, c)).toList();
    }

    @Override
    public ClusterMembers get(String tenantId, UUID clusterId) throws GalleryException {
        ClusterRepository.Cluster c = lookup.cluster(tenantId, clusterId);
        ClusterRepository.Scope scope = lookup.scopeOf(tenantId, c);
        List<UUID> ids = repo.clusterFaces(clusterId);
        Map<UUID, String> paths = lookup.imagePaths(tenantId, ids);
        return new ClusterMembers(lookup.summary(scope, c), ids.stream().filter(paths::containsKey)
                .map(id -> new FaceRef(id, paths.get(id))).toList());
    }

    @Override
    public ClusterSummary rename(String tenantId, UUID clusterId, String name) throws GalleryException {
        ClusterRepository.Cluster c = lookup.cluster(tenantId, clusterId);
        if (name != null && name.length() > 255) {
            throw GalleryException.invalid("name", "at most 255 characters");
        }
        writer.rename(clusterId, name == null || name.isBlank() ? null : name.strip());
        return lookup.summary(tenantId, clusterId);
    }

    @Override
    public ClusterSummary merge(String tenantId, UUID into, List<UUID> others) throws GalleryException {
        ClusterRepository.Cluster target = lookup.cluster(tenantId, into);
        if (others == null || others.isEmpty()) {
            throw GalleryException.invalid("cluster_ids", "name at least one cluster to merge");
        }
        String name = target.name();
        List<UUID> merged = new ArrayList<>();
        for (UUID id : new java.util.LinkedHashSet<>(others)) {
            if (id.equals(into)) {
                continue;
            }
            ClusterRepository.Cluster other = repo.cluster(tenantId, id).orElseThrow(() -> GalleryException.invalid(
                    "cluster_ids", "no such cluster: " + id));
            if (!other.scopeId().equals(target.scopeId())) {
                throw GalleryException.invalid("cluster_ids", "cluster " + id + " belongs to another group");
            }
            if (name == null) {
                name = other.name();
            }
            merged.add(id);
        }
        writer.merge(target.scopeId(), into, merged, target.name() == null ? name : null);
        return lookup.summary(tenantId, into);
    }

    @Override
    public ClusterSummary move(String tenantId, UUID into, List<UUID> faceIds) throws GalleryException {
        ClusterRepository.Cluster target = lookup.cluster(tenantId, into);
        lookup.checkFaces(target.scopeId(), faceIds);
        writer.move(target.scopeId(), into, faceIds);
        return lookup.summary(tenantId, into);
    }

    @Override
    public ClusterSummary split(String tenantId, UUID from, List<UUID> faceIds) throws GalleryException {
        ClusterRepository.Cluster source = lookup.cluster(tenantId, from);
        Set<UUID> inSource = new HashSet<>(repo.clusterFaces(from));
        if (faceIds == null || faceIds.isEmpty()) {
            throw GalleryException.invalid("face_ids", "name at least one face to split off");
        }
        for (UUID id : faceIds) {
            if (!inSource.contains(id)) {
                throw GalleryException.invalid("face_ids", "face " + id + " is not in cluster " + from);
            }
        }
        if (inSource.size() == new HashSet<>(faceIds).size()) {
            throw GalleryException.invalid("face_ids", "a split must leave at least one face behind");
        }
        UUID created = writer.move(source.scopeId(), null, faceIds);
        return lookup.summary(tenantId, created);
    }

    @Override
    public int sweep() {
        int total = 0;
        for (int n = sweeper.step(sweepBatch, settleMillis); n > 0; n = sweeper.step(sweepBatch, settleMillis)) {
            total += n;
        }
        return total;
    }

    /** Places every face of the scope that is not placed yet (the sweep missed it, or the scope is new). */
    private void reconcile(ClusterRepository.Scope scope) {
        Set<UUID> placed = new HashSet<>();
        repo.members(scope.id()).forEach(m -> placed.add(m.faceId()));
        StoredFaces.Filter filter = filter(scope.groupId());
        List<UUID> missing = new ArrayList<>();
        for (List<UUID> page = faces.ids(scope.tenantId(), scope.model(), filter, null, ID_PAGE); !page.isEmpty();
             page = faces.ids(scope.tenantId(), scope.model(), filter, page.get(page.size() - 1), ID_PAGE)) {
            page.stream().filter(id -> !placed.contains(id)).forEach(missing::add);
        }
        for (int from = 0; from < missing.size(); from += GRAPH_BATCH) {
            writer.place(scope.id(), missing.subList(from, Math.min(missing.size(), from + GRAPH_BATCH)));
        }
    }

    private Resolved resolve(Optional<ClusterRepository.Scope> scope, String model, Params params)
            throws GalleryException {
        Params given = params == null ? Params.DEFAULTS : params;
        boolean sameModel = scope.isPresent() && scope.get().model().equals(model);
        double minSimilarity = given.minSimilarity() != null ? given.minSimilarity()
                : sameModel ? scope.get().minSimilarity() : settings.minSimilarity(model);
        int minFaces = given.minFaces() != null ? given.minFaces()
                : scope.isPresent() ? scope.get().minFaces() : settings.minFaces();
        if (!(minSimilarity > 0 && minSimilarity < 1)) {
            throw GalleryException.invalid("min_similarity", "must be between 0 and 1 (exclusive)");
        }
        if (minFaces < 2 || minFaces > 1000) {
            throw GalleryException.invalid("min_faces", "must be between 2 and 1000");
        }
        return new Resolved(minSimilarity, minFaces);
    }

    private static StoredFaces.Filter filter(String groupId) {
        return groupId == null ? StoredFaces.Filter.ALL : StoredFaces.Filter.group(groupId);
    }

    private record Resolved(double minSimilarity, int minFaces) {
    }
}
