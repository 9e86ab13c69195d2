package dev.visage.recognition.application;

/**
 * Recognition against each company's gallery, verification, detection and embedding: the kiosk's
 * questions about a photo. {@link #recognitionThreshold()} is the one threshold every answer applies.
 * Refusals are {@link RecognitionException}s carrying the kiosk's error text.
 */
public interface RecognitionService {

    Recognition recognize(String companyId, byte[] image);

    Detection detect(byte[] image);

    FaceEmbedding embedding(byte[] image);

    Verification verify(byte[] image1, byte[] image2);

    /** The image against every face of the user: the best similarity counts. */
    Verification verifyUser(String companyId, String userId, byte[] image);

    /** The recognition threshold in use (similarity 0..1). */
    double recognitionThreshold();
}
