package dev.visage.ingest.application.internal;

import dev.visage.ingest.application.ImageJobQueries;
import dev.visage.ingest.application.JobView;
import dev.visage.ingest.domain.ImageJobRepository;
import dev.visage.ingest.domain.ImageJobSearch;
import dev.visage.ingest.domain.JobStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class DefaultImageJobQueries implements ImageJobQueries {

    private final ImageJobSearch search;
    private final ImageJobRepository jobs;
    private final Clock clock;

    @Inject
    public DefaultImageJobQueries(ImageJobSearch search, ImageJobRepository jobs, Clock clock) {
        this.search = search;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected DefaultImageJobQueries() {
        this(null, null, null);
    }

    @Override
    @Transactional // reads too: Hibernate registers a JTA synchronisation per session
    public JobList list(JobQuery query) {
        Set<JobStatus> statuses = query.statuses().stream()
                .map(s -> JobStatus.valueOf(s.toUpperCase(Locale.ROOT))).collect(Collectors.toSet());
        List<JobView> items = search.find(statuses, query.tenantId(), query.limit(), query.offset())
                .stream().map(JobViews::of).toList();
        return new JobList(items, search.count(statuses, query.tenantId()));
    }

    @Override
    @Transactional // reads too: Hibernate registers a JTA synchronisation per session
    public Optional<JobView> find(UUID jobId) {
        return jobs.find(jobId).map(JobViews::of);
    }

    @Override
    @Transactional // reads too: Hibernate registers a JTA synchronisation per session
    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new LinkedHashMap<>();
        search.countByStatus().forEach((status, n) -> counts.put(status.name().toLowerCase(Locale.ROOT), n));
        return counts;
    }

    @Override
    @Transactional // reads too: Hibernate registers a JTA synchronisation per session
    public List<MinuteCount> finishedPerMinute(Duration window) {
        Instant now = clock.instant();
        Instant first = now.minus(window).truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
        Map<Long, long[]> byMinute = new HashMap<>();
        for (ImageJobSearch.MinuteTally t : search.finishedPerMinute(first)) {
            long[] counts = byMinute.computeIfAbsent(t.minuteEpochSecond(), m -> new long[2]);
            if (t.status() == JobStatus.COMPLETED) {
                counts[0] += t.count();
            } else if (t.status() == JobStatus.FAILED) {
                counts[1] += t.count();
            }
        }
        List<MinuteCount> minutes = new ArrayList<>();
        for (Instant m = first; !m.isAfter(now); m = m.plus(1, ChronoUnit.MINUTES)) {
            long[] counts = byMinute.getOrDefault(m.getEpochSecond(), new long[2]);
            minutes.add(new MinuteCount(m, counts[0], counts[1]));
        }
        return minutes;
    }
}
