package dev.visage.client;

import java.util.List;
import java.util.Map;

/** What the recognition operations answer. Bounding boxes are [x, y, width, height]. */
public final class Results {

    private Results() {
    }

    /** userId null: no face, unknown company, or below the threshold (confidence says how close). */
    public record Recognition(String userId, double confidence, List<Integer> bbox) {
    }

    public record Detection(int facesCount, List<List<Integer>> bboxes) {
    }

    public record Verification(boolean match, double similarity) {
    }

    public record Embedding(float[] vector, String model) {
    }

    public record Health(String status, double responseTimeMs, String workerId, long uptimeSeconds) {
    }

    public record CacheStats(String workerId, int companiesCount, long usersCount, long facesCount,
                             long embeddingsCount, long uptimeSeconds, long totalTasksProcessed,
                             Map<String, CompanyCounts> cacheInfo) {
    }

    public record CompanyCounts(long users, long faces) {
    }
}
