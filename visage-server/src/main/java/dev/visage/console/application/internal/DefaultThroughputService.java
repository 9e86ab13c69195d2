package dev.visage.console.application.internal;

import dev.visage.console.application.ThroughputService;
import dev.visage.ingest.application.ImageJobQueries;
import dev.visage.stats.application.MinuteCounters;
import dev.visage.stats.application.PipelineStats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The face pipeline's per-minute counters (stats context, written with the work they count)
 * side by side with image jobs finished per minute (ingest context).
 */
@ApplicationScoped
public class DefaultThroughputService implements ThroughputService {

    private static final double SECONDS_PER_MINUTE = 60.0;

    private final PipelineStats stats;
    private final ImageJobQueries jobs;

    @Inject
    public DefaultThroughputService(PipelineStats stats, ImageJobQueries jobs) {
        this.stats = stats;
        this.jobs = jobs;
    }

    /** For CDI proxies only. */
    protected DefaultThroughputService() {
        this(null, null);
    }

    @Override
    public Throughput throughput(Duration window) {
        List<MinuteCounters> pipeline = stats.perMinute(window);
        Map<Instant, ImageJobQueries.MinuteCount> finished = jobs.finishedPerMinute(window).stream()
                .collect(Collectors.toMap(ImageJobQueries.MinuteCount::minute, Function.identity(), (a, b) -> a));
        List<ThroughputMinute> minutes = new ArrayList<>();
        long images = 0;
        long stored = 0;
        long detected = 0;
        long imageJobs = 0;
        double peakImages = 0;
        double peakFaces = 0;
        for (MinuteCounters m : pipeline) {
            ImageJobQueries.MinuteCount j = finished.get(m.minute());
            long jobCount = j == null ? 0 : j.completed() + j.failed();
            ThroughputMinute minute = new ThroughputMinute(m.minute(), m.get(PipelineStats.IMAGES_TOTAL),
                    m.get(PipelineStats.FACES_PROCESSED), m.get(PipelineStats.FACES_DETECTED), m.get(PipelineStats.FACES_REJECTED),
                    m.get(PipelineStats.FACES_DUP_SKIPPED), jobCount, perSecond(m.get(PipelineStats.IMAGES_TOTAL)),
                    perSecond(m.get(PipelineStats.FACES_PROCESSED)), perSecond(jobCount));
            minutes.add(minute);
            images += minute.images();
            stored += minute.facesStored();
            detected += minute.facesDetected();
            imageJobs += jobCount;
            peakImages = Math.max(peakImages, minute.imagesPerSecond());
            peakFaces = Math.max(peakFaces, minute.facesPerSecond());
        }
        return new Throughput(minutes.size(), minutes,
                new ThroughputTotals(images, stored, detected, imageJobs, peakImages, peakFaces));
    }

    private static double perSecond(long perMinute) {
        return perMinute / SECONDS_PER_MINUTE;
    }
}
