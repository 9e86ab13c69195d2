package dev.visage.recognition.application.internal;

import dev.visage.inference.application.DecodedImage;
import dev.visage.inference.application.FaceAnalyzer;
import dev.visage.inference.application.ImageDecoder;
import dev.visage.inference.application.UndecodableImageException;
import dev.visage.recognition.application.CacheStats;
import dev.visage.recognition.application.CompanySummary;
import dev.visage.recognition.application.FaceView;
import dev.visage.recognition.application.Health;
import dev.visage.recognition.application.RecognitionQueries;
import dev.visage.recognition.application.UserSummary;
import dev.visage.recognition.domain.Face;
import dev.visage.recognition.domain.RecognitionRepository;
import dev.visage.shared.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** What is enrolled (from PostgreSQL), this instance's health and cache, and enrolled faces' thumbnails. */
@ApplicationScoped
public class DefaultRecognitionQueries implements RecognitionQueries {

    private static final Logger LOG = Logger.getLogger(DefaultRecognitionQueries.class.getName());

    private final RecognitionRepository repository;
    private final EnrolmentCache cache;
    private final FaceAnalyzer analyzer;
    private final ImageDecoder decoder;
    private final ObjectStore store;
    private final WorkerIdentity worker;

    @Inject
    public DefaultRecognitionQueries(RecognitionRepository repository, EnrolmentCache cache, FaceAnalyzer analyzer,
                                     ImageDecoder decoder, ObjectStore store, WorkerIdentity worker) {
        this.repository = repository;
        this.cache = cache;
        this.analyzer = analyzer;
        this.decoder = decoder;
        this.store = store;
        this.worker = worker;
    }

    /** For CDI proxies only. */
    protected DefaultRecognitionQueries() {
        this(null, null, null, null, null, null);
    }

    @Override
    public List<String> userFaces(String companyId, String userId) {
        worker.taskDone();
        if (companyId == null || userId == null) {
            return List.of();
        }
        return repository.faces(companyId, userId).stream().map(Face::faceId).toList();
    }

    @Override
    public Health health() {
        long start = System.nanoTime();
        worker.taskDone();
        String status;
        try {
            cache.hasCompany("");
            status = "healthy";
        } catch (RuntimeException e) {
            // the gallery could not be loaded (database down): the kiosk answer is "unhealthy", not an error
            status = "unhealthy";
        }
        double ms = (System.nanoTime() - start) / 1e6;
        return new Health(status, ms, new Health.WorkerInfo(worker.workerId(), worker.uptimeSeconds(),
                cache.companyCount(), analyzer.embeddingModel()));
    }

    @Override
    public CacheStats cacheStats(Optional<String> company) {
        worker.taskDone();
        return cache.stats(worker, company);
    }

    @Override
    public boolean companyExists(String companyId) {
        return companyId != null && repository.companyExists(companyId);
    }

    @Override
    public List<String> companies() {
        return repository.companyIds();
    }

    @Override
    public List<String> users(String companyId) {
        return repository.userIds(companyId);
    }

    @Override
    public List<FaceView> faces(String companyId, String userId) {
        List<FaceView> views = new ArrayList<>();
        for (Face f : repository.faces(companyId, userId)) {
            views.add(new FaceView(f.companyId(), f.userId(), f.faceId(), f.model(), FaceFinder.boxList(f.bbox()),
                    f.detectionScore(), f.sharpness(), f.qualityOk(), f.sourceBucket(), f.sourceKey(), f.createdAt()));
        }
        return views;
    }

    @Override
    @Transactional // reads too: Hibernate registers a JTA synchronisation per session
    public List<CompanySummary> companySummaries() {
        return repository.companyCounts().stream()
                .map(c -> new CompanySummary(c.companyId(), c.users(), c.faces(), c.createdAt())).toList();
    }

    @Override
    @Transactional // reads too: Hibernate registers a JTA synchronisation per session
    public List<UserSummary> userSummaries(String companyId) {
        return repository.userCounts(companyId).stream()
                .map(u -> new UserSummary(companyId, u.userId(), u.faces(), u.createdAt())).toList();
    }

    @Override
    @Transactional // reads too: Hibernate registers a JTA synchronisation per session
    public Optional<byte[]> faceThumbnail(String companyId, String userId, String faceId, int maxSide) {
        Optional<Face> found = repository.face(companyId, userId, faceId);
        if (found.isEmpty() || found.get().sourceKey() == null) {
            return Optional.empty();
        }
        Face face = found.get();
        byte[] bytes;
        try {
            Optional<InputStream> in = store.open(face.sourceBucket(), face.sourceKey());
            if (in.isEmpty()) {
                LOG.warning(() -> "the enrolment image of " + companyId + "/" + userId + "/" + faceId + " is missing: "
                        + face.sourceBucket() + "/" + face.sourceKey());
                return Optional.empty();
            }
            try (InputStream stream = in.get()) {
                bytes = stream.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the enrolment image " + face.sourceKey(), e);
        }
        DecodedImage image;
        try {
            // The decoder applies EXIF orientation, as it did when the face box was found.
            image = decoder.decode(bytes);
        } catch (UndecodableImageException e) {
            throw new IllegalStateException("the stored enrolment image " + face.sourceKey() + " no longer decodes", e);
        }
        return Optional.of(FaceThumbnails.jpeg(FaceThumbnails.cut(image.image(), face.bbox(), maxSide)));
    }
}
