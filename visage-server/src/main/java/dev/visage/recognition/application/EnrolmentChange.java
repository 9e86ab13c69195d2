package dev.visage.recognition.application;

/**
 * A committed change to a company's gallery, fanned out to every instance on the
 * management topic so each one updates its cache. {@code embedding} and {@code model}
 * only for {@link Type#FACE_ADDED}; {@code origin} is the worker id that made the change.
 */
public record EnrolmentChange(Type type, String companyId, String userId, String faceId, String model,
                            float[] embedding, String origin) {

    public enum Type {
        COMPANY_CREATED, COMPANY_DELETED, USER_CREATED, USER_DELETED, FACE_ADDED, FACE_DELETED,
        /** Drop and reload the whole cache from the database (after an import). */
        RELOAD
    }
}
