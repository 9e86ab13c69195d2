package dev.visage.console.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Images and faces per second of the face pipeline, and image jobs per second, minute by minute. */
public interface ThroughputService {

    /** The window ending now, oldest minute first; the last minute is the current, unfinished one. */
    Throughput throughput(Duration window);

    /**
     * Per-second figures are the minute's count divided by 60 (the average over the minute).
     *
     * @param images         images the face pipeline processed (every tenant)
     * @param facesStored    faces stored and indexed (the runbook's faces_processed)
     * @param facesDetected  faces the detector found, stored or not
     * @param imageJobs      image jobs (POST /api/v1/images) finished, completed or failed
     */
    record ThroughputMinute(Instant minute, long images, long facesStored, long facesDetected, long facesRejected,
                  long facesDupSkipped, long imageJobs, double imagesPerSecond, double facesPerSecond,
                  double imageJobsPerSecond) {
    }

    record ThroughputTotals(long images, long facesStored, long facesDetected, long imageJobs, double peakImagesPerSecond,
                  double peakFacesPerSecond) {
    }

    record Throughput(int windowMinutes, List<ThroughputMinute> minutes, ThroughputTotals totals) {
    }
}
