package dev.visage.recognition.application;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * Import and export of the kiosk's initial-data JSON ({companies, users, faces, embeddings},
 * see README "Recognition"). Import validates consistency first, then adds what is missing
 * (existing companies, users and faces are kept) in one transaction, and every instance
 * reloads its gallery cache afterwards.
 */
public interface EnrolmentTransfer {

    ImportReport importData(JsonObject data);

    /** The whole database (or one company) in the kiosk format, plus {@code "model"} per face. */
    JsonObject exportData(String onlyCompany);

    /**
     * @param issues consistency problems, in the kiosk's wording ("Face face_006 has no embedding")
     */
    record ImportReport(int companies, int users, int faces, int embeddings, int companiesAdded, int usersAdded,
                        int facesAdded, int facesSkipped, List<String> issues) {
    }
}
