package dev.visage.recognition.application.internal;

import static dev.visage.recognition.application.RecognitionException.Kind;

import dev.visage.inference.application.AnalysisResult;
import dev.visage.inference.application.AnalyzeOptions;
import dev.visage.inference.application.AnalyzedFace;
import dev.visage.inference.application.FaceAnalyzer;
import dev.visage.inference.application.UndecodableImageException;
import dev.visage.recognition.application.RecognitionException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.OptionalDouble;

/**
 * How recognition finds faces in a kiosk's photo: the configured detection threshold, no attribute
 * models, and enrolment and probes detected alike so that one photo enrolled and probed gets one vector.
 */
@ApplicationScoped
public class FaceFinder {

    private final FaceAnalyzer analyzer;
    private final RecognitionSettings settings;

    @Inject
    public FaceFinder(FaceAnalyzer analyzer, RecognitionSettings settings) {
        this.analyzer = analyzer;
        this.settings = settings;
    }

    /** For CDI proxies only. */
    protected FaceFinder() {
        this(null, null);
    }

    AnalysisResult analyze(byte[] image, AnalyzeOptions options) {
        if (image == null || image.length == 0) {
            throw new RecognitionException(Kind.INVALID_IMAGE, RecognitionException.BAD_IMAGE);
        }
        OptionalDouble minScore = settings.detectionThreshold();
        // recognition answers with people and boxes, never age, gender or anti-spoof: their models need not run
        AnalyzeOptions effective = (minScore.isPresent() ? options.withMinScore(minScore.getAsDouble()) : options)
                .withAttributes(false);
        try {
            return analyzer.analyze(image, effective);
        } catch (UndecodableImageException e) {
            throw new RecognitionException(Kind.INVALID_IMAGE, RecognitionException.BAD_IMAGE);
        }
    }

    /** The analyzer returns faces largest first: several faces in an enrolment photo → the largest. */
    AnalyzedFace largestFace(byte[] image) {
        // detected as recognize detects its probes, so the same photo enrolled and probed gets one vector
        AnalysisResult result = analyze(image, AnalyzeOptions.defaults().withMaxFaces(1)
                .withMinFacePx(settings.minFacePx()));
        if (result.faces().isEmpty()) {
            throw new RecognitionException(Kind.NO_FACE, RecognitionException.NO_FACE);
        }
        return result.faces().get(0);
    }

    static int[] box(AnalyzedFace face) {
        AnalyzedFace.Box b = face.box();
        return new int[] {(int) Math.round(b.x()), (int) Math.round(b.y()), (int) Math.round(b.width()),
                (int) Math.round(b.height())};
    }

    static List<Integer> boxList(int[] box) {
        return box == null ? null : List.of(box[0], box[1], box[2], box[3]);
    }
}
