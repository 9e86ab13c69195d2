package dev.visage.recognition.application;

import java.util.List;

/** Faces found, largest first, as [x, y, w, h]. */
public record Detection(int facesCount, List<List<Integer>> bboxes) {
}
