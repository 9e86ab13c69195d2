package dev.visage.inference.domain;

import java.util.List;

/** Finds faces in a photo; results in photo pixels, highest score first. */
public interface FaceDetector {

    List<Detection> detect(RgbImage image, double minScore);
}
