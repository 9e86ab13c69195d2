package dev.visage.batch.domain;

/** Progress of a batch as a whole percentage. */
public final class Progress {

    private Progress() {
    }

    /**
     * @param finished   items done or failed
     * @param total      images found so far
     * @param enumerated whether every image has been found
     * @param completed  the job ended as completed
     */
    public static int percent(int finished, int total, boolean enumerated, boolean completed) {
        if (completed) {
            return 100;
        }
        if (total <= 0) {
            return 0;
        }
        int p = (int) Math.floor(100.0 * finished / total);
        // While images are still being found, or the last ones are in flight, 100 would be a lie.
        return Math.min(p, enumerated && finished >= total ? 100 : 99);
    }

    /** One decimal, as the batch pipeline's progressPercent. */
    public static double percentOneDecimal(int finished, int total, boolean completed) {
        if (completed && total == 0) {
            return 100.0;
        }
        if (total <= 0) {
            return 0.0;
        }
        return Math.round(1000.0 * finished / total) / 10.0;
    }
}
