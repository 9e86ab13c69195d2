package dev.visage.gallery.application.internal;

import dev.visage.gallery.domain.ClusterRepository;
import dev.visage.gallery.domain.ClusterRepository.Member;
import dev.visage.gallery.domain.ClusterRepository.Scope;
import dev.visage.gallery.domain.DensityClustering;
import dev.visage.ingest.application.StoredFaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The gallery's writes, each one transaction holding its scope's row lock, so that the sweep, a
 * re-cluster and people's corrections of one scope never interleave.
 */
@ApplicationScoped
@Transactional
public class ClusterWriter {

    /** Members a representative is chosen among (the centroid of a sample is as good as the whole). */
    static final int REPRESENTATIVE_SAMPLE = 256;

    private final ClusterRepository repo;
    private final StoredFaces faces;
    private final ClusterSettings settings;
    private final Clock clock;

    @Inject
    public ClusterWriter(ClusterRepository repo, StoredFaces faces, ClusterSettings settings, Clock clock) {
        this.repo = repo;
        this.faces = faces;
        this.settings = settings;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected ClusterWriter() {
        this(null, null, null, null);
    }

    /**
     * Places faces of the scope that are not placed yet, one after the other (each sees the ones before):
     * join the cluster of the most similar clustered neighbour, else start a cluster with the unclustered
     * neighbours when they are dense enough, else stay unclustered. Returns how many were placed.
     */
    public int place(UUID scopeId, List<UUID> faceIds) {
        Scope scope = repo.lock(scopeId);
        Map<UUID, Member> known = new HashMap<>(repo.members(scopeId, faceIds));
        List<UUID> todo = faceIds.stream().filter(id -> !known.containsKey(id)).distinct().toList();
        if (todo.isEmpty()) {
            return 0;
        }
        Map<UUID, List<StoredFaces.Neighbour>> graph = faces.neighbours(scope.tenantId(), scope.model(),
                filter(scope), todo, settings.neighbours(), scope.minSimilarity(), settings.efSearch());
        Set<UUID> around = new HashSet<>();
        graph.values().forEach(list -> list.forEach(n -> around.add(n.faceId())));
        around.removeAll(known.keySet());
        known.putAll(repo.members(scopeId, around));
        DensityClustering.Params params = new DensityClustering.Params(scope.minSimilarity(), scope.minFaces());
        Map<UUID, Member> changed = new LinkedHashMap<>();
        Set<UUID> touched = new LinkedHashSet<>();
        int placed = 0;
        for (UUID id : todo) {
            if (changed.containsKey(id)) {
                continue; // already taken into a new cluster by an earlier face of this batch
            }
            List<StoredFaces.Neighbour> near = graph.getOrDefault(id, List.of());
            List<DensityClustering.Neighbour> indexed = new ArrayList<>(near.size());
            for (int i = 0; i < near.size(); i++) {
                indexed.add(new DensityClustering.Neighbour(i, near.get(i).similarity()));
            }
            DensityClustering.Placement<UUID> where = DensityClustering.place(indexed, i -> {
                Member m = known.get(near.get(i).faceId());
                return m == null ? null : m.clusterId();
            }, params);
            UUID cluster;
            List<Integer> along;
            if (where instanceof DensityClustering.Placement.Join<UUID> join) {
                cluster = join.cluster();
                along = join.with();
            } else if (where instanceof DensityClustering.Placement.NewCluster<UUID> fresh) {
                cluster = UUID.randomUUID();
                repo.createCluster(scopeId, cluster, null, clock.instant());
                along = fresh.with();
            } else {
                cluster = null;
                along = List.of();
            }
            for (int i : along) {
                UUID other = near.get(i).faceId();
                Member before = known.get(other);
                Member moved = new Member(other, cluster, before != null && before.pinned());
                known.put(other, moved);
                changed.put(other, moved);
                placed += before == null ? 1 : 0;
            }
            if (cluster != null) {
                touched.add(cluster);
            }
            Member self = new Member(id, cluster, false);
            known.put(id, self);
            changed.put(id, self);
            placed++;
        }
        repo.place(scopeId, changed.values(), clock.instant());
        touched.forEach(c -> refresh(scope, c));
        return placed;
    }

    /**
     * Replaces the scope's clusters by a full run's. New clusters take over the id and name of the old
     * cluster they overlap most (each old one at most once), so names and links survive; faces people
     * placed (pinned) stay in their cluster. Faces placed after the run's snapshot are placed again.
     *
     * @param labels       cluster number per face of {@code snapshot}, -1 unclustered
     * @param centrality   per face, the summed similarity to its neighbours in the same cluster
     */
    public void replace(UUID scopeId, String model, double minSimilarity, int minFaces, List<UUID> snapshot,
                        int[] labels, double[] centrality) {
        Scope scope = repo.lock(scopeId);
        Map<UUID, Member> old = new HashMap<>();
        repo.members(scopeId).forEach(m -> old.put(m.faceId(), m));
        Map<UUID, String> oldNames = new HashMap<>();
        repo.clusters(scopeId, 0, Integer.MAX_VALUE).forEach(c -> oldNames.put(c.id(), c.name()));

        // overlap of each new cluster with each old one, largest overlaps first
        Map<Integer, Map<UUID, Integer>> overlap = new HashMap<>();
        int clusters = 0;
        for (int i = 0; i < snapshot.size(); i++) {
            clusters = Math.max(clusters, labels[i] + 1);
            Member before = old.get(snapshot.get(i));
            if (labels[i] >= 0 && before != null && before.clusterId() != null) {
                overlap.computeIfAbsent(labels[i], k -> new HashMap<>()).merge(before.clusterId(), 1, Integer::sum);
            }
        }
        List<Object[]> pairs = new ArrayList<>();
        overlap.forEach((label, byOld) -> byOld.forEach((oldId, n) -> pairs.add(new Object[] {n, label, oldId})));
        pairs.sort((a, b) -> Integer.compare((Integer) b[0], (Integer) a[0]));
        UUID[] ids = new UUID[clusters];
        Set<UUID> inherited = new HashSet<>();
        for (Object[] p : pairs) {
            int label = (Integer) p[1];
            UUID oldId = (UUID) p[2];
            if (ids[label] == null && !inherited.contains(oldId)) {
                ids[label] = oldId;
                inherited.add(oldId);
            }
        }
        Set<UUID> fresh = new HashSet<>();
        for (int c = 0; c < clusters; c++) {
            if (ids[c] == null) {
                ids[c] = UUID.randomUUID();
                fresh.add(ids[c]);
            }
        }
        List<Member> placed = new ArrayList<>(snapshot.size());
        Set<UUID> keptForPins = new HashSet<>();
        Map<UUID, UUID> best = new HashMap<>();
        Map<UUID, Double> bestScore = new HashMap<>();
        for (int i = 0; i < snapshot.size(); i++) {
            UUID face = snapshot.get(i);
            Member before = old.get(face);
            UUID cluster;
            if (before != null && before.pinned()) {
                cluster = before.clusterId();
                if (cluster != null && !inherited.contains(cluster)) {
                    keptForPins.add(cluster);
                }
            } else {
                cluster = labels[i] >= 0 ? ids[labels[i]] : null;
            }
            placed.add(new Member(face, cluster, before != null && before.pinned()));
            if (cluster != null && centrality[i] > bestScore.getOrDefault(cluster, Double.NEGATIVE_INFINITY)) {
                bestScore.put(cluster, centrality[i]);
                best.put(cluster, face);
            }
        }
        Set<UUID> gone = new HashSet<>(oldNames.keySet());
        gone.removeAll(inherited);
        gone.removeAll(keptForPins);
        repo.clearScope(scopeId);
        repo.deleteClusters(gone);
        for (UUID id : fresh) {
            repo.createCluster(scopeId, id, null, clock.instant());
        }
        repo.place(scopeId, placed, clock.instant());
        for (UUID cluster : new LinkedHashSet<>(java.util.Arrays.asList(ids))) {
            repo.refresh(cluster, best.get(cluster), clock.instant());
        }
        for (UUID cluster : keptForPins) {
            refresh(scope, cluster);
        }
        // clusters emptied by the run (their faces all went elsewhere) are dropped
        for (ClusterRepository.Cluster c : repo.clusters(scopeId, 0, Integer.MAX_VALUE)) {
            if (c.size() == 0) {
                repo.deleteClusters(List.of(c.id()));
            }
        }
        repo.updateScope(scopeId, model, minSimilarity, minFaces, clock.instant());
        // faces the sweep placed while the run computed: place them again against the new clusters
        Set<UUID> inSnapshot = new HashSet<>(snapshot);
        List<UUID> later = old.keySet().stream().filter(id -> !inSnapshot.contains(id)).toList();
        if (!later.isEmpty()) {
            place(scopeId, later);
        }
    }

    /** The scope, created when missing. */
    public Scope scope(String tenantId, String groupId, String model, double minSimilarity, int minFaces) {
        return repo.scopeOrCreate(tenantId, groupId, model, minSimilarity, minFaces, clock.instant());
    }

    public void rename(UUID clusterId, String name) {
        repo.rename(clusterId, name, clock.instant());
    }

    /** Moves the faces into {@code into} (null: a new cluster of the scope), pinned; returns the target cluster. */
    public UUID move(UUID scopeId, UUID into, Collection<UUID> faceIds) {
        Scope scope = repo.lock(scopeId);
        Map<UUID, Member> before = repo.members(scopeId, faceIds);
        UUID target = into;
        if (target == null) {
            target = UUID.randomUUID();
            repo.createCluster(scopeId, target, null, clock.instant());
        }
        List<Member> moved = new ArrayList<>();
        Set<UUID> touched = new LinkedHashSet<>();
        touched.add(target);
        for (UUID id : faceIds) {
            Member b = before.get(id);
            if (b != null && b.clusterId() != null) {
                touched.add(b.clusterId());
            }
            moved.add(new Member(id, target, true));
        }
        repo.place(scopeId, moved, clock.instant());
        for (UUID c : touched) {
            refresh(scope, c);
        }
        return target;
    }

    /** Moves all faces of {@code others} into {@code into}, deletes them; {@code into} inherits a name if it has none. */
    public void merge(UUID scopeId, UUID into, List<UUID> others, String inheritedName) {
        Scope scope = repo.lock(scopeId);
        List<Member> moved = new ArrayList<>();
        for (UUID other : others) {
            repo.clusterFaces(other).forEach(f -> moved.add(new Member(f, into, true)));
        }
        repo.place(scopeId, moved, clock.instant());
        repo.deleteClusters(others);
        if (inheritedName != null) {
            repo.rename(into, inheritedName, clock.instant());
        }
        refresh(scope, into);
    }

    /** Sets the cluster's size and representative (the member nearest the centroid); drops it when empty. */
    void refresh(Scope scope, UUID clusterId) {
        List<UUID> members = repo.clusterFaces(clusterId);
        if (members.isEmpty()) {
            repo.deleteClusters(List.of(clusterId));
            return;
        }
        List<UUID> sample = members.size() <= REPRESENTATIVE_SAMPLE ? members
                : members.subList(0, REPRESENTATIVE_SAMPLE);
        Map<UUID, float[]> vectors = faces.vectors(scope.tenantId(), sample);
        repo.refresh(clusterId, Representatives.nearestCentroid(vectors).orElse(members.get(0)), clock.instant());
    }

    private static StoredFaces.Filter filter(Scope scope) {
        return scope.groupId() == null ? StoredFaces.Filter.ALL : StoredFaces.Filter.group(scope.groupId());
    }
}
