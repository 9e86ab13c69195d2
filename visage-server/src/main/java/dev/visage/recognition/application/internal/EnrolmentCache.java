package dev.visage.recognition.application.internal;

import dev.visage.inference.application.FaceAnalyzer;
import dev.visage.recognition.application.CacheStats;
import dev.visage.recognition.application.EnrolmentChange;
import dev.visage.recognition.domain.Face;
import dev.visage.recognition.domain.RecognitionRepository;
import dev.visage.shared.infrastructure.SchemaReady;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This instance's copy of every company's gallery: loaded from PostgreSQL once the schema
 * is ready (or on first use), then kept current by {@link EnrolmentChange}s from the
 * management topic and from this instance's own commits. Changes are idempotent, so a
 * change applied locally and again from the topic is harmless. Galleries above
 * {@code visage.recognition.memory-max-faces} keep only ids here and are searched
 * through pgvector HNSW.
 */
@ApplicationScoped
public class EnrolmentCache {

    private static final Logger LOG = Logger.getLogger(EnrolmentCache.class.getName());

    private final RecognitionRepository repository;
    private final FaceAnalyzer analyzer;
    private final long memoryMaxFaces;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, CompanyEnrolments> companies = new HashMap<>();
    private volatile boolean loaded;

    @Inject
    public EnrolmentCache(RecognitionRepository repository, FaceAnalyzer analyzer,
                        @ConfigProperty(name = "visage.recognition.memory-max-faces") long memoryMaxFaces) {
        this.repository = repository;
        this.analyzer = analyzer;
        this.memoryMaxFaces = memoryMaxFaces;
    }

    /** For CDI proxies only. */
    protected EnrolmentCache() {
        this(null, null, 0);
    }

    void onSchemaReady(@Observes SchemaReady ready) {
        reload();
    }

    /** Drops everything and reads all galleries from the database. */
    public void reload() {
        lock.writeLock().lock();
        try {
            companies.clear();
            String model = analyzer.embeddingModel();
            Map<String, Long> counts = repository.faceCounts();
            long faces = 0;
            for (String companyId : repository.companyIds()) {
                long count = counts.getOrDefault(companyId, 0L);
                CompanyEnrolments gallery = new CompanyEnrolments(count <= memoryMaxFaces);
                repository.userIds(companyId).forEach(gallery::addUser);
                if (gallery.inMemory()) {
                    for (Face face : repository.faces(companyId)) {
                        gallery.addFace(face.userId(), face.faceId(),
                                model.equals(face.model()) ? face.embedding() : null);
                    }
                } else {
                    repository.faceKeys(companyId).forEach(k -> gallery.addFace(k.userId(), k.faceId(), null));
                }
                faces += gallery.faceCount();
                companies.put(companyId, gallery);
            }
            loaded = true;
            long total = faces;
            LOG.info(() -> "recognition gallery cache loaded: " + companies.size() + " companies, " + total + " faces");
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Marks the copy stale: the next read reloads it. For transaction synchronisations, which run
     * after commit where the persistence context can no longer be used to read.
     */
    public void invalidate() {
        loaded = false;
    }

    private void ensureLoaded() {
        if (!loaded) {
            reload();
        }
    }

    public void apply(EnrolmentChange change) {
        if (change.type() == EnrolmentChange.Type.RELOAD) {
            reload();
            return;
        }
        if (!loaded) {
            return;   // the next read loads everything, this change included (no database reads here: see invalidate)
        }
        lock.writeLock().lock();
        try {
            String c = change.companyId();
            switch (change.type()) {
                case COMPANY_CREATED -> companies.computeIfAbsent(c, k -> new CompanyEnrolments(true));
                case COMPANY_DELETED -> companies.remove(c);
                case USER_CREATED -> companies.computeIfAbsent(c, k -> new CompanyEnrolments(true)).addUser(change.userId());
                case USER_DELETED -> Optional.ofNullable(companies.get(c)).ifPresent(g -> g.removeUser(change.userId()));
                case FACE_ADDED -> {
                    CompanyEnrolments gallery = companies.computeIfAbsent(c, k -> new CompanyEnrolments(true));
                    float[] vector = analyzer.embeddingModel().equals(change.model()) ? change.embedding() : null;
                    gallery.addFace(change.userId(), change.faceId(), vector);
                    if (gallery.inMemory() && gallery.faceCount() > memoryMaxFaces) {
                        LOG.info(() -> "gallery of " + c + " passed " + memoryMaxFaces + " faces; served by HNSW from now on");
                        gallery.spill();
                    }
                }
                case FACE_DELETED -> Optional.ofNullable(companies.get(c))
                        .ifPresent(g -> g.removeFace(change.userId(), change.faceId()));
                default -> throw new IllegalArgumentException("unexpected change " + change.type());
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The result of looking a probe up in the cache. */
    public record Lookup(boolean companyExists, boolean inMemory, String userId, double similarity) {
    }

    public Lookup best(String companyId, float[] probe) {
        ensureLoaded();
        lock.readLock().lock();
        try {
            CompanyEnrolments gallery = companies.get(companyId);
            if (gallery == null) {
                return new Lookup(false, true, null, 0);
            }
            if (!gallery.inMemory()) {
                return new Lookup(true, false, null, 0);
            }
            CompanyEnrolments.Best best = gallery.best(probe);
            return best == null ? new Lookup(true, true, null, Double.NEGATIVE_INFINITY)
                    : new Lookup(true, true, best.userId(), best.similarity());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Similarities of the probe to each face of the user, or empty when the gallery is not in memory. */
    public Optional<List<Double>> similarities(String companyId, String userId, float[] probe) {
        ensureLoaded();
        lock.readLock().lock();
        try {
            CompanyEnrolments gallery = companies.get(companyId);
            if (gallery == null || !gallery.inMemory()) {
                return Optional.empty();
            }
            return Optional.of(gallery.similarities(userId, probe));
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean hasCompany(String companyId) {
        ensureLoaded();
        lock.readLock().lock();
        try {
            return companies.containsKey(companyId);
        } finally {
            lock.readLock().unlock();
        }
    }

    public int companyCount() {
        lock.readLock().lock();
        try {
            return companies.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    public CacheStats stats(WorkerIdentity worker, Optional<String> only) {
        ensureLoaded();
        lock.readLock().lock();
        try {
            Map<String, CacheStats.CompanyCounts> info = new TreeMap<>();
            long users = 0;
            long faces = 0;
            List<String> ids = new ArrayList<>(companies.keySet());
            for (String id : ids) {
                if (only.isPresent() && !only.get().equals(id)) {
                    continue;
                }
                CompanyEnrolments g = companies.get(id);
                info.put(id, new CacheStats.CompanyCounts(g.users().size(), g.faceCount(), g.inMemory()));
                users += g.users().size();
                faces += g.faceCount();
            }
            return new CacheStats(worker.workerId(), info.size(), users, faces, faces, worker.uptimeSeconds(),
                    worker.tasksProcessed(), info);
        } finally {
            lock.readLock().unlock();
        }
    }
}
