package dev.visage.recognition.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Companies, users and faces in PostgreSQL: the source of truth behind every gallery cache. */
public interface RecognitionRepository {

    boolean companyExists(String companyId);

    void addCompany(Company company);

    /** Deletes the company with its users and faces; false when absent. */
    boolean deleteCompany(String companyId);

    List<String> companyIds();

    boolean userExists(String companyId, String userId);

    void addUser(EnrolledUser user);

    boolean deleteUser(String companyId, String userId);

    List<String> userIds(String companyId);

    boolean faceExists(String companyId, String userId, String faceId);

    void addFace(Face face);

    boolean deleteFace(String companyId, String userId, String faceId);

    /** The user's faces in enrolment order; empty for an unknown user or company. */
    List<Face> faces(String companyId, String userId);

    /** Every face of the company (with embeddings), for loading a gallery into memory. */
    List<Face> faces(String companyId);

    /** (user, face) pairs of the company without their embeddings, for galleries served by HNSW. */
    List<FaceKey> faceKeys(String companyId);

    /** One face of a user, if enrolled. */
    Optional<Face> face(String companyId, String userId, String faceId);

    /** Every company with its user and face counts, by company id. */
    List<CompanyCounts> companyCounts();

    /** The company's users with their face counts, in enrolment order. */
    List<UserCounts> userCounts(String companyId);

    /** Face count per company (without loading embeddings). */
    Map<String, Long> faceCounts();

    /** Nearest face of the company by cosine distance through the HNSW index. */
    Optional<Match> nearest(String companyId, String model, float[] probe);

    record FaceKey(String userId, String faceId) {
    }

    record CompanyCounts(String companyId, long users, long faces, java.time.Instant createdAt) {
    }

    record UserCounts(String userId, long faces, java.time.Instant createdAt) {
    }

    /** A user and its cosine similarity to a probe. */
    record Match(String userId, String faceId, double similarity) {
    }
}
