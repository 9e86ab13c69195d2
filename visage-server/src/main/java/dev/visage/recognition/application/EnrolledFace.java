package dev.visage.recognition.application;

import java.util.List;

/** The result of an enrolment: the stored face's embedding and where it was found. */
public record EnrolledFace(String companyId, String userId, String faceId, String model, float[] embedding,
                           List<Integer> bbox) {
}
