package dev.visage.recognition.interfaces.rest;

/** JSON request bodies of the recognition API; images are base64 (plain or a data: URL). */
final class RecognitionDtos {

    private RecognitionDtos() {
    }

    public record CompanyRequest(String companyId) {
    }

    public record CompanyCreated(String companyId, boolean created) {
    }

    public record EnrolUser(String userId, String faceId, String image) {
    }

    public record EnrolFace(String faceId, String image) {
    }

    public record ImageRequest(String image) {
    }

    public record VerifyUser(String userId, String image) {
    }

    public record VerifyPair(String image1, String image2) {
    }
}
