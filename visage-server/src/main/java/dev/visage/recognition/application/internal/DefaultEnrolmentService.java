package dev.visage.recognition.application.internal;

import static dev.visage.recognition.application.RecognitionException.Kind;

import dev.visage.inference.application.AnalyzedFace;
import dev.visage.recognition.application.EnrolledFace;
import dev.visage.recognition.application.EnrolmentService;
import dev.visage.recognition.application.EnrolmentChange;
import dev.visage.recognition.application.EnrolmentChanges;
import dev.visage.recognition.application.RecognitionException;
import dev.visage.recognition.domain.Company;
import dev.visage.recognition.domain.EnrolledUser;
import dev.visage.recognition.domain.Face;
import dev.visage.recognition.domain.RecognitionRepository;
import dev.visage.contracts.Field;
import dev.visage.shared.infrastructure.AfterCommit;
import dev.visage.shared.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.UUID;

/**
 * Enrolment with the kiosk semantics on PostgreSQL (source of truth), announced on the management topic
 * (fan-out) and applied to this instance's gallery cache after the commit. Every refusal is checked
 * before the first write, so {@code dontRollbackOn} never commits half a change, and a JMS reply sent in
 * the same transaction still leaves.
 */
@ApplicationScoped
public class DefaultEnrolmentService implements EnrolmentService {

    private final RecognitionRepository repository;
    private final EnrolmentCache cache;
    private final EnrolmentChanges changes;
    private final FaceFinder finder;
    private final ObjectStore store;
    private final WorkerIdentity worker;
    private final Clock clock;
    private final RecognitionSettings settings;
    private final AfterCommit afterCommit;

    @Inject
    public DefaultEnrolmentService(RecognitionRepository repository, EnrolmentCache cache, EnrolmentChanges changes,
                                   FaceFinder finder, ObjectStore store, WorkerIdentity worker, Clock clock,
                                   RecognitionSettings settings, AfterCommit afterCommit) {
        this.repository = repository;
        this.cache = cache;
        this.changes = changes;
        this.finder = finder;
        this.store = store;
        this.worker = worker;
        this.clock = clock;
        this.settings = settings;
        this.afterCommit = afterCommit;
    }

    /** For CDI proxies only. */
    protected DefaultEnrolmentService() {
        this(null, null, null, null, null, null, null, null, null);
    }

    @Override
    @Transactional(dontRollbackOn = RecognitionException.class)
    public boolean createCompany(String companyId) {
        String id = RecognitionIds.requireCompanyId(companyId);
        worker.taskDone();
        if (repository.companyExists(id)) {
            return false;
        }
        repository.addCompany(new Company(id, clock.instant()));
        announce(new EnrolmentChange(EnrolmentChange.Type.COMPANY_CREATED, id, null, null, null, null, worker.workerId()));
        return true;
    }

    @Override
    @Transactional(dontRollbackOn = RecognitionException.class)
    public boolean deleteCompany(String companyId) {
        String id = RecognitionIds.requireCompanyId(companyId);
        worker.taskDone();
        if (!repository.deleteCompany(id)) {
            return false;
        }
        announce(new EnrolmentChange(EnrolmentChange.Type.COMPANY_DELETED, id, null, null, null, null, worker.workerId()));
        return true;
    }

    @Override
    @Transactional(dontRollbackOn = RecognitionException.class)
    public EnrolledFace createUser(String companyId, String userId, String faceId, byte[] image) {
        String c = RecognitionIds.requireCompanyId(companyId);
        String u = RecognitionIds.require(Field.USER_ID, userId);
        String f = RecognitionIds.require(Field.FACE_ID, faceId);
        worker.taskDone();
        if (!repository.companyExists(c)) {
            throw new RecognitionException(Kind.NOT_FOUND, RecognitionException.COMPANY_MISSING);
        }
        if (repository.userExists(c, u)) {
            throw new RecognitionException(Kind.CONFLICT, RecognitionException.USER_EXISTS);
        }
        AnalyzedFace face = finder.largestFace(image);
        repository.addUser(new EnrolledUser(c, u, clock.instant()));
        announce(new EnrolmentChange(EnrolmentChange.Type.USER_CREATED, c, u, null, null, null, worker.workerId()));
        return store(c, u, f, face, image);
    }

    @Override
    @Transactional(dontRollbackOn = RecognitionException.class)
    public EnrolledFace addFace(String companyId, String userId, String faceId, byte[] image) {
        String c = RecognitionIds.requireCompanyId(companyId);
        String u = RecognitionIds.require(Field.USER_ID, userId);
        String f = RecognitionIds.require(Field.FACE_ID, faceId);
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
        return store(c, u, f, finder.largestFace(image), image);
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
        int[] box = FaceFinder.box(face);
        repository.addFace(new Face(c, u, f, model, vector, box, (float) face.score(),
                (float) face.quality().sharpness(), face.quality().accepted(), settings.bucket(), objectKey,
                clock.instant()));
        announce(new EnrolmentChange(EnrolmentChange.Type.FACE_ADDED, c, u, f, model, vector, worker.workerId()));
        return new EnrolledFace(c, u, f, model, vector, FaceFinder.boxList(box));
    }

    @Override
    @Transactional(dontRollbackOn = RecognitionException.class)
    public boolean deleteUser(String companyId, String userId) {
        String c = RecognitionIds.requireCompanyId(companyId);
        String u = RecognitionIds.require(Field.USER_ID, userId);
        worker.taskDone();
        if (!repository.deleteUser(c, u)) {
            return false;
        }
        announce(new EnrolmentChange(EnrolmentChange.Type.USER_DELETED, c, u, null, null, null, worker.workerId()));
        return true;
    }

    @Override
    @Transactional(dontRollbackOn = RecognitionException.class)
    public boolean deleteFace(String companyId, String userId, String faceId) {
        String c = RecognitionIds.requireCompanyId(companyId);
        String u = RecognitionIds.require(Field.USER_ID, userId);
        String f = RecognitionIds.require(Field.FACE_ID, faceId);
        worker.taskDone();
        if (!repository.deleteFace(c, u, f)) {
            return false;
        }
        announce(new EnrolmentChange(EnrolmentChange.Type.FACE_DELETED, c, u, f, null, null, worker.workerId()));
        return true;
    }

    /**
     * Publishes to every instance (sent only if the transaction commits) and applies it to
     * this instance's cache right after the commit, so the caller reads its own write.
     */
    private void announce(EnrolmentChange change) {
        changes.publish(change);
        afterCommit.run(() -> cache.apply(change));
    }
}
