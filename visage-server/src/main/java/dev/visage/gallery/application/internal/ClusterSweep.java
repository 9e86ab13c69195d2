package dev.visage.gallery.application.internal;

import dev.visage.gallery.domain.ClusterRepository;
import dev.visage.gallery.domain.ClusterRepository.Scope;
import dev.visage.ingest.application.StoredFaces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The incremental sweep over newly stored faces, one transaction a step: it holds the sweep's row lock,
 * so only one instance sweeps at a time, and the placements ({@link ClusterWriter#place}, joining this
 * transaction) commit with the cursor.
 */
@ApplicationScoped
@Transactional
public class ClusterSweep {

    private final ClusterRepository repo;
    private final StoredFaces faces;
    private final ClusterWriter writer;
    private final ClusterSettings settings;
    private final Clock clock;

    @Inject
    public ClusterSweep(ClusterRepository repo, StoredFaces faces, ClusterWriter writer, ClusterSettings settings,
                        Clock clock) {
        this.repo = repo;
        this.faces = faces;
        this.writer = writer;
        this.settings = settings;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected ClusterSweep() {
        this(null, null, null, null, null);
    }

    /**
     * One step of the incremental sweep: the next faces stored since the cursor (only those older than
     * {@code settleMillis}, so that concurrently committing pipeline transactions are not overtaken), each
     * placed in its group's scope (created on first sight) and in its tenant's tenant-wide scope when one
     * exists. Placements and the cursor commit together. Returns the number of faces read (0: nothing new,
     * or another instance holds the sweep).
     */
    public int step(int batch, long settleMillis) {
        Optional<ClusterRepository.Cursor> cursor = repo.lockSweep();
        if (cursor.isEmpty()) {
            return 0;
        }
        Instant horizon = clock.instant().minusMillis(settleMillis);
        List<StoredFaces.FaceRef> refs = faces.createdSince(cursor.get().at(), cursor.get().faceId(), batch).stream()
                .filter(r -> r.createdAt().isBefore(horizon)).toList();
        if (refs.isEmpty()) {
            return 0;
        }
        Map<UUID, List<UUID>> byScope = new LinkedHashMap<>();
        Map<String, Optional<Scope>> tenantWide = new HashMap<>();
        for (StoredFaces.FaceRef ref : refs) {
            if (!settings.knows(ref.model())) {
                continue; // vectors of a recogniser this instance cannot run: nothing to compare them with
            }
            if (ref.groupId() != null) {
                Scope scope = repo.scopeOrCreate(ref.tenantId(), ref.groupId(), ref.model(),
                        settings.minSimilarity(ref.model()), settings.minFaces(), clock.instant());
                if (scope.model().equals(ref.model())) {
                    byScope.computeIfAbsent(scope.id(), k -> new ArrayList<>()).add(ref.id());
                }
            }
            Optional<Scope> all = tenantWide.computeIfAbsent(ref.tenantId(), t -> repo.scope(t, null));
            if (all.isPresent() && all.get().model().equals(ref.model())) {
                byScope.computeIfAbsent(all.get().id(), k -> new ArrayList<>()).add(ref.id());
            }
        }
        byScope.forEach(writer::place);
        StoredFaces.FaceRef last = refs.get(refs.size() - 1);
        repo.saveCursor(new ClusterRepository.Cursor(last.createdAt(), last.id()));
        return refs.size();
    }
}
