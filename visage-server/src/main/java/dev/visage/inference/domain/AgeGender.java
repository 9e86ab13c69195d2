package dev.visage.inference.domain;

/** Age in years and gender from the faceres heads, decoded as Human does (see MODELS.md). */
public record AgeGender(double age, String gender, double genderConfidence) {

    /**
     * {@code ageProbs}: softmax over 100 one-year bins; the argmax is refined towards the larger
     * neighbour. {@code male}: sigmoid, &gt; 0.5 is male; confidence 2·|p − 0.5|.
     */
    public static AgeGender decode(float[] ageProbs, int offset, float male) {
        int best = 0;
        for (int i = 1; i < 100; i++) {
            if (ageProbs[offset + i] > ageProbs[offset + best]) {
                best = i;
            }
        }
        double prev = best > 0 ? ageProbs[offset + best - 1] : 0;
        double next = best < 99 ? ageProbs[offset + best + 1] : 0;
        double age = prev > next ? best - 10 * prev : best + 10 * next;
        return new AgeGender(age, male > 0.5 ? "male" : "female", 2 * Math.abs(male - 0.5));
    }
}
