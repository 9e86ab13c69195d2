package dev.visage.recognition.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.OptionalDouble;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Recognition settings. The detection threshold keeps the kiosk's variable name
 * (FACE_DETECTION_THRESHOLD); unset, detection uses the detector's default. The recognition
 * threshold (FACE_RECOGNITION_THRESHOLD) is inference's {@code MatchThresholds#recognition()}.
 */
@ApplicationScoped
public class RecognitionSettings {

    private final Optional<Double> detectionThreshold;
    private final int maxFaces;
    private final String bucket;
    private final double minFacePx;

    @Inject
    public RecognitionSettings(@ConfigProperty(name = "face.detection.threshold") Optional<Double> detectionThreshold,
                               @ConfigProperty(name = "visage.recognition.max-faces") int maxFaces,
                               @ConfigProperty(name = "visage.storage.bucket.faces") String bucket,
                               @ConfigProperty(name = "visage.recognition.min-face-px") double minFacePx) {
        this.detectionThreshold = detectionThreshold;
        this.maxFaces = maxFaces;
        this.bucket = bucket;
        this.minFacePx = minFacePx;
    }

    /** For CDI proxies only. */
    protected RecognitionSettings() {
        this(Optional.empty(), 1, null, 0);
    }

    public OptionalDouble detectionThreshold() {
        return detectionThreshold.map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }

    /** Faces per probe image that recognition compares (largest first). */
    public int maxFaces() {
        return maxFaces;
    }

    /** Object-store bucket for enrolment images. */
    public String bucket() {
        return bucket;
    }

    /**
     * Smallest face (pixels of the photo) recognition looks for, in probes, enrolments and
     * detections alike (the keypoints, so the vectors, depend on the detection passes): a kiosk
     * frame's subject is large, and looking for tiny faces costs a dense detection pass per frame.
     */
    public double minFacePx() {
        return minFacePx;
    }
}
