package dev.visage.recognition.application.internal;

import static dev.visage.recognition.application.RecognitionException.Kind;

import dev.visage.inference.application.AnalysisResult;
import dev.visage.inference.application.AnalyzeOptions;
import dev.visage.inference.application.AnalyzedFace;
import dev.visage.inference.application.MatchThresholds;
import dev.visage.recognition.application.Detection;
import dev.visage.recognition.application.FaceEmbedding;
import dev.visage.recognition.application.Recognition;
import dev.visage.recognition.application.RecognitionException;
import dev.visage.recognition.application.RecognitionService;
import dev.visage.recognition.application.Verification;
import dev.visage.recognition.domain.Face;
import dev.visage.recognition.domain.RecognitionRepository;
import dev.visage.contracts.Field;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The kiosk's questions about a photo: who is it (the in-memory gallery, the database when the cache
 * does not hold the company), is it the same person, where are the faces, what is the embedding.
 *
 * <p>Confidence: the cosine similarity of two L2-normalised embeddings clamped to 0..1
 * (negative similarities are "certainly someone else"); the threshold is in the same unit.
 */
@ApplicationScoped
public class DefaultRecognitionService implements RecognitionService {

    private final RecognitionRepository repository;
    private final EnrolmentCache cache;
    private final FaceFinder finder;
    private final MatchThresholds thresholds;
    private final WorkerIdentity worker;
    private final RecognitionSettings settings;

    @Inject
    public DefaultRecognitionService(RecognitionRepository repository, EnrolmentCache cache, FaceFinder finder,
                                     MatchThresholds thresholds, WorkerIdentity worker, RecognitionSettings settings) {
        this.repository = repository;
        this.cache = cache;
        this.finder = finder;
        this.thresholds = thresholds;
        this.worker = worker;
        this.settings = settings;
    }

    /** For CDI proxies only. */
    protected DefaultRecognitionService() {
        this(null, null, null, null, null, null);
    }

    @Override
    public double recognitionThreshold() {
        return thresholds.recognition();
    }

    @Override
    public Recognition recognize(String companyId, byte[] image) {
        worker.taskDone();
        if (companyId == null || !cache.hasCompany(companyId)) {
            return Recognition.NOTHING;
        }
        AnalysisResult result = finder.analyze(image, AnalyzeOptions.defaults().withMaxFaces(settings.maxFaces())
                .withMinFacePx(settings.minFacePx()));
        Recognition best = null;
        for (AnalyzedFace face : result.faces()) {
            float[] probe = face.embedding().vector();
            EnrolmentCache.Lookup lookup = cache.best(companyId, probe);
            String user = lookup.userId();
            double similarity = lookup.similarity();
            if (!lookup.inMemory()) {
                Optional<RecognitionRepository.Match> match =
                        repository.nearest(companyId, face.embedding().model(), probe);
                user = match.map(RecognitionRepository.Match::userId).orElse(null);
                similarity = match.map(RecognitionRepository.Match::similarity).orElse(Double.NEGATIVE_INFINITY);
            }
            double confidence = Similarity.confidence(similarity);
            if (best == null || confidence > best.confidence()) {
                best = new Recognition(user, confidence, FaceFinder.boxList(FaceFinder.box(face)));
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
        AnalysisResult result = finder.analyze(image, AnalyzeOptions.defaults().withIncludeEmbedding(false)
                .withMinFacePx(settings.minFacePx()));
        List<List<Integer>> boxes = result.faces().stream().map(f -> FaceFinder.boxList(FaceFinder.box(f))).toList();
        return new Detection(boxes.size(), boxes);
    }

    @Override
    public FaceEmbedding embedding(byte[] image) {
        worker.taskDone();
        AnalyzedFace face = finder.largestFace(image);
        return new FaceEmbedding(face.embedding().vector(), face.embedding().model(), FaceFinder.boxList(FaceFinder.box(face)));
    }

    @Override
    public Verification verify(byte[] image1, byte[] image2) {
        worker.taskDone();
        AnalyzedFace a = finder.largestFace(image1);
        AnalyzedFace b = finder.largestFace(image2);
        double similarity = Similarity.confidence(a.embedding().cosine(b.embedding()));
        return new Verification(similarity >= recognitionThreshold(), similarity, recognitionThreshold());
    }

    @Override
    public Verification verifyUser(String companyId, String userId, byte[] image) {
        worker.taskDone();
        String c = RecognitionIds.requireCompanyId(companyId);
        String u = RecognitionIds.require(Field.USER_ID, userId);
        if (!repository.companyExists(c)) {
            throw new RecognitionException(Kind.NOT_FOUND, RecognitionException.COMPANY_MISSING);
        }
        if (!repository.userExists(c, u)) {
            throw new RecognitionException(Kind.NOT_FOUND, RecognitionException.USER_MISSING);
        }
        AnalyzedFace face = finder.largestFace(image);
        float[] probe = face.embedding().vector();
        String model = face.embedding().model();
        // The user's faces from the database: a handful of vectors, and correct whatever the cache holds.
        double best = Double.NEGATIVE_INFINITY;
        for (Face enrolled : repository.faces(c, u)) {
            if (model.equals(enrolled.model())) {
                best = Math.max(best, Similarity.dot(probe, enrolled.embedding()));
            }
        }
        double similarity = Similarity.confidence(best);
        return new Verification(similarity >= recognitionThreshold(), similarity, recognitionThreshold());
    }
}
