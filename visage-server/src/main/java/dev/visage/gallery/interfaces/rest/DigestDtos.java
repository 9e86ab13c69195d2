package dev.visage.gallery.interfaces.rest;

import dev.visage.gallery.application.Clustering;
import dev.visage.inference.application.AnalyzedFace;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON of the digest service's face routes (get-faces, get-features, get-embedding, cluster-faces). */
final class DigestDtos {

    private DigestDtos() {
    }

    /** JSON body of the image routes: base64 photo; {@code confidence} is the detector score threshold. */
    public record DigestImageRequest(String image, Double confidence, Integer maxFaces) {
    }

    /** deepface's facial_area. */
    public record FacialArea(double x, double y, double w, double h) {
    }

    /**
     * @param landmarks subject's right_eye, left_eye, nose, mouth, right_ear, left_ear as [x, y]
     */
    public record DigestFace(int faceIndex, double[] bbox, FacialArea facialArea, double confidence,
                               Map<String, double[]> landmarks) {
    }

    public record DigestImageSize(int width, int height) {
    }

    public record FacesResponse(List<DigestFace> faces, int facesCount, DigestImageSize image) {
    }

    public record DigestQuality(boolean accepted, List<String> reasons, double sharpness, double yaw, double roll,
                          double size) {
    }

    /** @param antispoof probability 0..1 that the face is real (not a print or a screen) */
    public record DigestFeatures(int faceIndex, double[] bbox, FacialArea facialArea, double confidence, double age,
                           String gender, double genderConfidence, DigestQuality quality, double antispoof) {
    }

    public record FeaturesResponse(List<DigestFeatures> faces, int facesCount, DigestImageSize image) {
    }

    public record DigestEmbedding(int faceIndex, double[] bbox, FacialArea facialArea, double confidence,
                                float[] embedding) {
    }

    /** {@code embedding}: the largest face's, for clients that expect one vector. */
    @JsonbNillable
    public record EmbeddingResponse(float[] embedding, String model, int dimensions, List<DigestEmbedding> embeddings,
                                    int facesCount) {
    }

    /** {@code group_id} null or absent: every face of the tenant. */
    public record ClusterFacesRequest(String groupId, Double minSimilarity, Integer minFaces, Boolean recluster) {
    }

    /** {@code image_paths[i]} is the source image of {@code face_ids[i]}. */
    @JsonbNillable
    public record ClusterFacesCluster(String clusterId, int size, String representativeFaceId, List<String> faceIds,
                             List<String> imagePaths, String name) {
    }

    @JsonbNillable
    public record ClusterFacesResponse(String groupId, List<ClusterFacesCluster> clusters, List<String> unclustered,
                                       String model, double minSimilarity, int minFaces, Instant reclusteredAt) {
    }

    static double r(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static double r4(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    static double[] bbox(AnalyzedFace f) {
        return new double[] {r(f.box().x()), r(f.box().y()), r(f.box().width()), r(f.box().height())};
    }

    static FacialArea area(AnalyzedFace f) {
        return new FacialArea(r(f.box().x()), r(f.box().y()), r(f.box().width()), r(f.box().height()));
    }

    static DigestFace detected(int i, AnalyzedFace f) {
        Map<String, double[]> landmarks = new LinkedHashMap<>();
        f.keypoints().forEach(k -> landmarks.put(k.name(), new double[] {r(k.x()), r(k.y())}));
        return new DigestFace(i, bbox(f), area(f), r4(f.score()), landmarks);
    }

    static DigestFeatures features(int i, AnalyzedFace f) {
        AnalyzedFace.FaceQuality q = f.quality();
        return new DigestFeatures(i, bbox(f), area(f), r4(f.score()), r(f.attributes().age()), f.attributes().gender(),
                Math.round(f.attributes().genderConfidence() * 100) / 100.0,
                new DigestQuality(q.accepted(), q.reasons(), r(q.sharpness()), r(q.yaw()), r(q.roll()), r(q.size())),
                r4(f.antispoof()));
    }

    static ClusterFacesResponse clusters(Clustering.ScopeClusters s) {
        List<ClusterFacesCluster> clusters = s.clusters().stream().map(c -> new ClusterFacesCluster(c.cluster().clusterId().toString(),
                c.faces().size(), c.cluster().representativeFaceId() == null ? null
                        : c.cluster().representativeFaceId().toString(),
                c.faces().stream().map(f -> f.faceId().toString()).toList(),
                c.faces().stream().map(Clustering.FaceRef::imagePath).toList(), c.cluster().name())).toList();
        return new ClusterFacesResponse(s.groupId(), clusters,
                s.unclustered().stream().map(f -> f.faceId().toString()).toList(), s.model(), s.minSimilarity(),
                s.minFaces(), s.reclusteredAt());
    }
}
