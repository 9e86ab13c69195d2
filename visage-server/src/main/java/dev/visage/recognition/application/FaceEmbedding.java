package dev.visage.recognition.application;

import java.util.List;

/** An L2-normalised embedding of the largest face and the model (name@version) that produced it. */
public record FaceEmbedding(float[] embedding, String model, List<Integer> bbox) {
}
