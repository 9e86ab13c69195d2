package dev.visage.recognition.application.internal;

import dev.visage.shared.fields.Field;
import static dev.visage.recognition.application.RecognitionException.Kind;

import dev.visage.inference.application.AnalysisResult;
import dev.visage.inference.application.AnalyzeOptions;
import dev.visage.inference.application.AnalyzedFace;
import dev.visage.inference.application.DecodedImage;
import dev.visage.inference.application.FaceAnalyzer;
import dev.visage.inference.application.ImageDecoder;
import dev.visage.inference.application.UndecodableImageException;
import dev.visage.recognition.application.CacheStats;
import dev.visage.recognition.application.CompanySummary;
import dev.visage.recognition.application.Detection;
import dev.visage.recognition.application.EnrolledFace;
import dev.visage.recognition.application.FaceEmbedding;
import dev.visage.recognition.application.FaceView;
import dev.visage.recognition.application.GalleryChange;
import dev.visage.recognition.application.GalleryChanges;
import dev.visage.recognition.application.Health;
import dev.visage.recognition.application.Recognition;
import dev.visage.recognition.application.RecognitionException;
import dev.visage.recognition.application.RecognitionService;
import dev.visage.recognition.application.UserSummary;
import dev.visage.recognition.application.Verification;
import dev.visage.recognition.domain.Company;
import dev.visage.recognition.domain.EnrolledUser;
import dev.visage.recognition.domain.Face;
import dev.visage.recognition.domain.RecognitionRepository;
import dev.visage.shared.infrastructure.AfterCommit;
import dev.visage.shared.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The kiosk semantics on PostgreSQL (source of truth), the in-memory gallery cache
 * (recognition) and the management topic (fan-out). Every refusal is checked before the
 * first write, so {@code dontRollbackOn} never commits half a change, and a JMS reply
 * sent in the same transaction still leaves.
 *
 * <p>Confidence: the cosine similarity of two L2-normalised embeddings clamped to 0..1
 * (negative similarities are "certainly someone else"); the threshold is in the same unit.
 */
@ApplicationScoped
public class DefaultRecognitionService implements RecognitionService {

    private static final Logger LOG = Logger.getLogger(DefaultRecognitionService.class.getName());

    private final RecognitionRepository repository;
    private final GalleryCache cache;
    private final GalleryChanges changes;
    private final FaceAnalyzer analyzer;
    private final ImageDecoder decoder;
    private final ObjectStore store;
    private final WorkerIdentity worker;
    private final Clock clock;
    private final RecognitionSettings settings;
    private final AfterCommit afterCommit;


    @Inject
    public DefaultRecognitionService(RecognitionRepository repository, GalleryCache cache, GalleryChanges changes,
                                     FaceAnalyzer analyzer, ImageDecoder decoder, ObjectStore store, WorkerIdentity worker,
                                     Clock clock, RecognitionSettings settings, AfterCommit afterCommit) {
        this.repository = repository;
        this.cache = cache;
        this.changes = changes;
        this.analyzer = analyzer;
        this.decoder = decoder;
        this.store = store;
        this.worker = worker;
        this.clock = clock;
        this.settings = settings;
        this.afterCommit = afterCommit;
    }

    /** For CDI proxies only. */
    protected DefaultRecognitionService() {
        this(null, null, null, null, null, null, null, null, null, null);
    }

    @Override
    public double recognitionThreshold() {
        return settings.recognitionThreshold().orElseGet(analyzer::matchThreshold);
    }

    // ------------------------------------------------------------------ management

    @Override
    @Transactional(dontRollbackOn = RecognitionException.class)
    public boolean createCompany(String companyId) {
        String id = requireCompanyId(companyId);
        worker.taskDone();
        if (repository.companyExists(id)) {
            return false;
        }
        repository.addCompany(new Company(id, clock.instant()));
        announce(new GalleryChange(GalleryChange.Type.COMPANY_CREATED, id, null, null, null, null, worker.workerId()));
        return true;
    }

    @Override
    @Transactional(dontRollbackOn = RecognitionException.class)
    public boolean deleteCompany(String companyId) {
        String id = requireCompanyId(companyId);
        worker.taskDone();
        if (!repository.deleteCompany(id)) {
            return false;
        }
        announce(new GalleryChange(GalleryChange.Type.COMPANY_DELETED, id, null, null, null, null, worker.workerId()));
        return true;
    }

    @Override
    @Transactional(dontRollbackOn = RecognitionException.class)
    public EnrolledFace createUser(String companyId, String userId, String faceId, byte[] image) {
        String c = requireCompanyId(companyId);
        String u = require(Field.USER_ID, userId);
        String f = require(Field.FACE_ID, faceId);
        worker.taskDone();
        if (!repository.companyExists(c)) {
            throw new RecognitionException(Kind.NOT_FOUND, RecognitionException.COMPANY_MISSING);
        }
        if (repository.userExists(c, u)) {
            throw new RecognitionException(Kind.CONFLICT, RecognitionException.USER_EXISTS);
        }
        AnalyzedFace face = largestFace(image);
        repository.addUser(new EnrolledUser(c, u, clock.instant()));
        announce(new GalleryChange(GalleryChange.Type.USER_CREATED, c, u, null, null, null, worker.workerId()));
        return store(c, u, f, face, image);
    }

    @Override
    @Transactional(dontRollbackOn = RecognitionException.class)
    public EnrolledFace addFace(String companyId, String userId, String faceId, byte[] image) {
        String c = requireCompanyId(companyId);
        String u = require(Field.USER_ID, userId);
        String f = require(Field.FACE_ID, faceId);
        worker.taskDone();
        if (!repository.companyExists(c)) {
            throw new RecognitionException(Kind.NOT_FOUND, RecognitionException.COMPANY_MISSING);
        }
        if (!repository.userExists(c, u)) {
            throw new RecognitionException(Kind.NOT_FOUND, RecognitionException.USER_MISSING);
        }
        if (repository.faceExists(c, u, f)) {
            throw new RecognitionException(Kind.CONFLICT, RecognitionException.FACE_EXISTS);
        }
        return store(c, u, f, largestFace(image), image);
    }

    private EnrolledFace store(String c, String u, String f, AnalyzedFace face, byte[] image) {
        UUID key = UUID.randomUUID();
        String objectKey = "enrolments/" + key;
        try {
            // Written before the commit: a rolled-back enrolment leaves an orphan object, never a face without its image.
            store.put(settings.bucket(), objectKey, new ByteArrayInputStream(image), null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the enrolment image", e);
        }
        float[] vector = face.embedding().vector();
        String model = face.embedding().model();
        int[] box = box(face);
        repository.addFace(new Face(c, u, f, model, vector, box, (float) face.score(),
                (float) face.quality().sharpness(), face.quality().accepted(), settings.bucket(), objectKey,
                clock.instant()));
        announce(new GalleryChange(GalleryChange.Type.FACE_ADDED, c, u, f, model, vector, worker.workerId()));
        return new EnrolledFace(c, u, f, model, vector, boxList(box));
    }

    @Override
    @Transactional(dontRollbackOn = RecognitionException.class)
    public boolean deleteUser(String companyId, String userId) {
        String c = requireCompanyId(companyId);
        String u = require(Field.USER_ID, userId);
        worker.taskDone();
        if (!repository.deleteUser(c, u)) {
            return false;
        }
        announce(new GalleryChange(GalleryChange.Type.USER_DELETED, c, u, null, null, null, worker.workerId()));
        return true;
    }

    @Override
    @Transactional(dontRollbackOn = RecognitionException.class)
    public boolean deleteFace(String companyId, String userId, String faceId) {
        String c = requireCompanyId(companyId);
        String u = require(Field.USER_ID, userId);
        String f = require(Field.FACE_ID, faceId);
        worker.taskDone();
        if (!repository.deleteFace(c, u, f)) {
            return false;
        }
        announce(new GalleryChange(GalleryChange.Type.FACE_DELETED, c, u, f, null, null, worker.workerId()));
        return true;
    }

    /**
     * Publishes to every instance (sent only if the transaction commits) and applies it to
     * this instance's cache right after the commit, so the caller reads its own write.
     */
    private void announce(GalleryChange change) {
        changes.publish(change);
        afterCommit.run(() -> cache.apply(change));
    }

    // ------------------------------------------------------------------ queries

    @Override
    public List<String> userFaces(String companyId, String userId) {
        worker.taskDone();
        if (companyId == null || userId == null) {
            return List.of();
        }
        return repository.faces(companyId, userId).stream().map(Face::faceId).toList();
    }

    @Override
    public Recognition recognize(String companyId, byte[] image) {
        worker.taskDone();
        if (companyId == null || !cache.hasCompany(companyId)) {
            return Recognition.NOTHING;
        }
        AnalysisResult result = analyze(image, AnalyzeOptions.defaults().withMaxFaces(settings.maxFaces())
                .withMinFacePx(settings.minFacePx()));
        Recognition best = null;
        for (AnalyzedFace face : result.faces()) {
            float[] probe = face.embedding().vector();
            GalleryCache.Lookup lookup = cache.best(companyId, probe);
            String user = lookup.userId();
            double similarity = lookup.similarity();
            if (!lookup.inMemory()) {
                Optional<RecognitionRepository.Match> match =
                        repository.nearest(companyId, face.embedding().model(), probe);
                user = match.map(RecognitionRepository.Match::userId).orElse(null);
                similarity = match.map(RecognitionRepository.Match::similarity).orElse(Double.NEGATIVE_INFINITY);
            }
            double confidence = confidence(similarity);
            if (best == null || confidence > best.confidence()) {
                best = new Recognition(user, confidence, boxList(box(face)));
            }
        }
        if (best == null) {
            return Recognition.NOTHING;
        }
        return best.confidence() >= recognitionThreshold() && best.userId() != null ? best
                : new Recognition(null, best.confidence(), best.bbox());
    }

    @Override
    public Detection detect(byte[] image) {
        worker.taskDone();
        AnalysisResult result = analyze(image, AnalyzeOptions.defaults().withIncludeEmbedding(false)
                .withMinFacePx(settings.minFacePx()));
        List<List<Integer>> boxes = result.faces().stream().map(f -> boxList(box(f))).toList();
        return new Detection(boxes.size(), boxes);
    }

    @Override
    public FaceEmbedding embedding(byte[] image) {
        worker.taskDone();
        AnalyzedFace face = largestFace(image);
        return new FaceEmbedding(face.embedding().vector(), face.embedding().model(), boxList(box(face)));
    }

    @Override
    public Verification verify(byte[] image1, byte[] image2) {
        worker.taskDone();
        AnalyzedFace a = largestFace(image1);
        AnalyzedFace b = largestFace(image2);
        double similarity = confidence(a.embedding().cosine(b.embedding()));
        return new Verification(similarity >= recognitionThreshold(), similarity, recognitionThreshold());
    }

    @Override
    public Verification verifyUser(String companyId, String userId, byte[] image) {
        worker.taskDone();
        String c = requireCompanyId(companyId);
        String u = require(Field.USER_ID, userId);
        if (!repository.companyExists(c)) {
            throw new RecognitionException(Kind.NOT_FOUND, RecognitionException.COMPANY_MISSING);
        }
        if (!repository.userExists(c, u)) {
            throw new RecognitionException(Kind.NOT_FOUND, RecognitionException.USER_MISSING);
        }
        AnalyzedFace face = largestFace(image);
        float[] probe = face.embedding().vector();
        String model = face.embedding().model();
        // The user's faces from the database: a handful of vectors, and correct whatever the cache holds.
        double best = Double.NEGATIVE_INFINITY;
        for (Face enrolled : repository.faces(c, u)) {
            if (model.equals(enrolled.model())) {
                best = Math.max(best, dot(probe, enrolled.embedding()));
            }
        }
        double similarity = confidence(best);
        return new Verification(similarity >= recognitionThreshold(), similarity, recognitionThreshold());
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
            views.add(new FaceView(f.companyId(), f.userId(), f.faceId(), f.model(), boxList(f.bbox()),
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

    // ------------------------------------------------------------------ helpers

    private AnalysisResult analyze(byte[] image, AnalyzeOptions options) {
        if (image == null || image.length == 0) {
            throw new RecognitionException(Kind.INVALID_IMAGE, RecognitionException.BAD_IMAGE);
        }
        OptionalDouble minScore = settings.detectionThreshold();
        // recognition answers with people and boxes, never age, gender or anti-spoof: their models need not run
        AnalyzeOptions effective = (minScore.isPresent() ? options.withMinScore(minScore.getAsDouble()) : options)
                .withAttributes(false);
        try {
            return analyzer.analyze(image, effective);
        } catch (UndecodableImageException e) {
            throw new RecognitionException(Kind.INVALID_IMAGE, RecognitionException.BAD_IMAGE);
        }
    }

    /** The analyzer returns faces largest first: several faces in an enrolment photo → the largest. */
    private AnalyzedFace largestFace(byte[] image) {
        // detected as recognize detects its probes, so the same photo enrolled and probed gets one vector
        AnalysisResult result = analyze(image, AnalyzeOptions.defaults().withMaxFaces(1)
                .withMinFacePx(settings.minFacePx()));
        if (result.faces().isEmpty()) {
            throw new RecognitionException(Kind.NO_FACE, RecognitionException.NO_FACE);
        }
        return result.faces().get(0);
    }

    static double confidence(double cosine) {
        if (Double.isNaN(cosine) || cosine <= 0) {
            return 0.0;
        }
        return Math.min(1.0, cosine);
    }

    private static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.NEGATIVE_INFINITY;
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot;
    }

    private static int[] box(AnalyzedFace face) {
        AnalyzedFace.Box b = face.box();
        return new int[] {(int) Math.round(b.x()), (int) Math.round(b.y()), (int) Math.round(b.width()),
                (int) Math.round(b.height())};
    }

    private static List<Integer> boxList(int[] box) {
        return box == null ? null : List.of(box[0], box[1], box[2], box[3]);
    }

    static String requireCompanyId(String companyId) {
        if (companyId == null || companyId.isBlank()) {
            throw RecognitionException.validation(RecognitionException.COMPANY_ID_EMPTY);
        }
        return checkLength(Field.COMPANY_ID, companyId);
    }

    private static String require(Field field, String value) {
        if (value == null || value.isBlank()) {
            throw RecognitionException.validation(field.jsonName() + " cannot be empty");
        }
        return checkLength(field, value);
    }

    /** Lengths from {@link Field}; the kiosk's 400 (validation) rather than 422, as its clients expect. */
    private static String checkLength(Field field, String value) {
        field.violation(value).ifPresent(reason -> {
            throw RecognitionException.validation(reason);
        });
        return value;
    }
}
