package dev.visage.recognition.application;

import java.util.List;
import java.util.Optional;

/** What is enrolled, this instance's health and cache, and the enrolled faces' thumbnails. */
public interface RecognitionQueries {

    /** Face ids of the user; empty for an unknown user or company. */
    List<String> userFaces(String companyId, String userId);

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
}
