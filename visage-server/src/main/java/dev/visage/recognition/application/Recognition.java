package dev.visage.recognition.application;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;

/**
 * @param userId     the best match at or above the threshold, else null
 * @param confidence cosine similarity of the best match clamped to 0..1; 0.0 when no face was found
 * @param bbox       [x, y, w, h] of the face that matched best; null when no face was found
 */
@JsonbNillable // the kiosk contract spells out user_id: null and bbox: null
public record Recognition(String userId, double confidence, List<Integer> bbox) {

    public static final Recognition NOTHING = new Recognition(null, 0.0, null);
}
