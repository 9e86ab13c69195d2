package dev.visage.recognition.application.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One company's users and faces, and (while the gallery is small enough) its embeddings
 * as one flat float array scanned by brute-force dot product. Not thread-safe: the
 * {@link EnrolmentCache} guards it.
 */
final class CompanyEnrolments {

    private final Map<String, Set<String>> users = new LinkedHashMap<>();
    private boolean inMemory;
    private int dims;
    private float[] vectors = new float[0];
    private String[] userIds = new String[0];
    private String[] faceIds = new String[0];
    private int size;
    private long faceCount;

    CompanyEnrolments(boolean inMemory) {
        this.inMemory = inMemory;
    }

    boolean inMemory() {
        return inMemory;
    }

    Map<String, Set<String>> users() {
        return users;
    }

    long faceCount() {
        return faceCount;
    }

    void addUser(String userId) {
        users.computeIfAbsent(userId, u -> new LinkedHashSet<>());
    }

    void removeUser(String userId) {
        Set<String> faces = users.remove(userId);
        if (faces == null) {
            return;
        }
        faceCount -= faces.size();
        for (int i = size - 1; i >= 0; i--) {
            if (userIds[i].equals(userId)) {
                removeAt(i);
            }
        }
    }

    /** Idempotent; returns false when the face was already there. */
    boolean addFace(String userId, String faceId, float[] embedding) {
        if (!users.computeIfAbsent(userId, u -> new LinkedHashSet<>()).add(faceId)) {
            return false;
        }
        faceCount++;
        if (inMemory && embedding != null) {
            append(userId, faceId, embedding);
        }
        return true;
    }

    void removeFace(String userId, String faceId) {
        Set<String> faces = users.get(userId);
        if (faces == null || !faces.remove(faceId)) {
            return;
        }
        faceCount--;
        for (int i = size - 1; i >= 0; i--) {
            if (userIds[i].equals(userId) && faceIds[i].equals(faceId)) {
                removeAt(i);
            }
        }
    }

    /** Above the in-memory limit the vectors are dropped; pgvector HNSW serves the company from then on. */
    void spill() {
        inMemory = false;
        vectors = new float[0];
        userIds = new String[0];
        faceIds = new String[0];
        size = 0;
    }

    /** Best cosine similarity of the unit probe against the gallery, or null when empty. */
    Best best(float[] probe) {
        if (size == 0 || probe.length != dims) {
            return null;
        }
        int bestIndex = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0, offset = 0; i < size; i++, offset += dims) {
            double dot = 0;
            for (int d = 0; d < dims; d++) {
                dot += vectors[offset + d] * probe[d];
            }
            if (dot > bestScore) {
                bestScore = dot;
                bestIndex = i;
            }
        }
        return new Best(userIds[bestIndex], faceIds[bestIndex], bestScore);
    }

    /** All similarities of one user's faces (for verification against a user). */
    List<Double> similarities(String userId, float[] probe) {
        List<Double> result = new ArrayList<>();
        for (int i = 0, offset = 0; i < size; i++, offset += dims) {
            if (userIds[i].equals(userId) && probe.length == dims) {
                double dot = 0;
                for (int d = 0; d < dims; d++) {
                    dot += vectors[offset + d] * probe[d];
                }
                result.add(dot);
            }
        }
        return result;
    }

    private void append(String userId, String faceId, float[] embedding) {
        if (size == 0) {
            dims = embedding.length;
        } else if (embedding.length != dims) {
            return;
        }
        if (size == userIds.length) {
            int capacity = Math.max(16, size * 2);
            vectors = java.util.Arrays.copyOf(vectors, capacity * dims);
            userIds = java.util.Arrays.copyOf(userIds, capacity);
            faceIds = java.util.Arrays.copyOf(faceIds, capacity);
        }
        System.arraycopy(embedding, 0, vectors, size * dims, dims);
        userIds[size] = userId;
        faceIds[size] = faceId;
        size++;
    }

    /** Swaps the last entry into the hole: order does not matter for a scan. */
    private void removeAt(int i) {
        int last = size - 1;
        if (i != last) {
            System.arraycopy(vectors, last * dims, vectors, i * dims, dims);
            userIds[i] = userIds[last];
            faceIds[i] = faceIds[last];
        }
        userIds[last] = null;
        faceIds[last] = null;
        size--;
    }

    record Best(String userId, String faceId, double similarity) {
    }
}
