package dev.visage.recognition.application;

import java.util.List;
import java.util.Optional;

/**
 * Companies, users and faces with the kiosk semantics, and recognition against each
 * company's gallery. REST, the JMS request queue and the console all use this service.
 * Refusals are {@link RecognitionException}s carrying the kiosk's error text.
 */
public interface RecognitionService {

    /** Idempotent: true when the company was created now, false when it already existed. */
    boolean createCompany(String companyId);

    /** Deletes the company with all its users and faces; false when absent. */
    boolean deleteCompany(String companyId);

    /** Enrols a new user with its first face (the largest face of the image). */
    EnrolledFace createUser(String companyId, String userId, String faceId, byte[] image);

    EnrolledFace addFace(String companyId, String userId, String faceId, byte[] image);

    boolean deleteUser(String companyId, String userId);

    /** Deleting the last face keeps the user. */
    boolean deleteFace(String companyId, String userId, String faceId);

    /** Face ids of the user; empty for an unknown user or company. */
    List<String> userFaces(String companyId, String userId);

    Recognition recognize(String companyId, byte[] image);

    Detection detect(byte[] image);

    FaceEmbedding embedding(byte[] image);

    Verification verify(byte[] image1, byte[] image2);

    /** The image against every face of the user: the best similarity counts. */
    Verification verifyUser(String companyId, String userId, byte[] image);

    Health health();

    /** This instance's cache; with a company, only that company's counts. */
    CacheStats cacheStats(Optional<String> company);

    boolean companyExists(String companyId);

    List<String> companies();

    List<String> users(String companyId);

    List<FaceView> faces(String companyId, String userId);

    /** Every company with its user and face counts, by company id. */
    List<CompanySummary> companySummaries();

    /** The company's users with their face counts, in enrolment order; empty for an unknown company. */
    List<UserSummary> userSummaries(String companyId);

    /**
     * A JPEG of the enrolled face, cut from its stored enrolment image (the face box with some
     * margin) and scaled to at most {@code maxSide} pixels; empty when the face is unknown or
     * has no stored image (imported faces).
     */
    Optional<byte[]> faceThumbnail(String companyId, String userId, String faceId, int maxSide);

    /** The recognition threshold in use (similarity 0..1). */
    double recognitionThreshold();
}
