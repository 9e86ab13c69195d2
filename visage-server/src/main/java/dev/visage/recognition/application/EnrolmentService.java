package dev.visage.recognition.application;

/**
 * Companies, users and faces with the kiosk semantics: every change is checked before its first write,
 * committed to PostgreSQL and announced to every instance's gallery cache. Refusals are
 * {@link RecognitionException}s carrying the kiosk's error text.
 */
public interface EnrolmentService {

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
}
