package dev.visage.recognition.application;

import java.util.Map;

/** What this instance's gallery cache holds (kiosk get_cache_stats). */
public record CacheStats(String workerId, int companiesCount, long usersCount, long facesCount, long embeddingsCount,
                         long uptimeSeconds, long totalTasksProcessed, Map<String, CompanyCounts> cacheInfo) {

    /**
     * @param inMemory false when the gallery is above the in-memory limit and is searched through pgvector HNSW
     */
    public record CompanyCounts(long users, long faces, boolean inMemory) {
    }
}
