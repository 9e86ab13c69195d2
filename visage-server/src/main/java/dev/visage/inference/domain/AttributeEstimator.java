package dev.visage.inference.domain;

import java.util.List;

/** Age and gender for aligned face crops, one batched run. */
public interface AttributeEstimator {

    int inputSize();

    List<AgeGender> estimate(float[] crops, int n);
}
