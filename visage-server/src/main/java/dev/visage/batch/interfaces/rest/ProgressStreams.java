package dev.visage.batch.interfaces.rest;

import dev.visage.batch.application.BatchJobView;
import dev.visage.batch.application.BatchJobs;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Server-Sent Events per job: a {@code progress} event with the job's JSON at once and whenever
 * it changes, then one event named after the final status ({@code completed}, {@code failed},
 * {@code cancelled}) and the stream closes. The job is read from the database, so the stream
 * works on any instance, whichever one processes the images.
 */
@ApplicationScoped
public class ProgressStreams {

    private static final Logger LOG = Logger.getLogger(ProgressStreams.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final BatchJobs jobs;
    private final long intervalMs;
    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES));

    @Inject
    public ProgressStreams(BatchJobs jobs, @ConfigProperty(name = "visage.batch.sse-interval-ms") long intervalMs) {
        this.jobs = jobs;
        this.intervalMs = intervalMs;
    }

    /** For CDI proxies only. */
    protected ProgressStreams() {
        this.jobs = null;
        this.intervalMs = 0;
    }

    /** Streams the job until it ends or the client goes away; {@code render} gives the event's body object. */
    public void open(String tenantId, UUID jobId, SseEventSink sink, Sse sse, Function<BatchJobView, Object> render) {
        new Stream(tenantId, jobId, sink, sse, render).tick();
    }

    private final class Stream {
        private final String tenantId;
        private final UUID jobId;
        private final SseEventSink sink;
        private final Sse sse;
        private final Function<BatchJobView, Object> render;
        private String last;
        private long sequence;

        Stream(String tenantId, UUID jobId, SseEventSink sink, Sse sse, Function<BatchJobView, Object> render) {
            this.tenantId = tenantId;
            this.jobId = jobId;
            this.sink = sink;
            this.sse = sse;
            this.render = render;
        }

        void tick() {
            if (sink.isClosed()) {
                return;
            }
            try {
                Optional<BatchJobView> job = jobs.find(tenantId, jobId);
                if (job.isEmpty()) {
                    sink.close();
                    return;
                }
                String data = jsonb.toJson(render.apply(job.get()));
                if (!data.equals(last)) {
                    last = data;
                    send("progress", data);
                }
                if (job.get().terminal()) {
                    send(job.get().status(), data);
                    sink.close();
                    return;
                }
            } catch (RuntimeException e) {
                // A database hiccup: say so in the log and try again at the next tick.
                LOG.log(Level.INFO, "progress stream of batch " + jobId + ": " + e.getMessage());
            }
            scheduler.schedule(this::tick, intervalMs, TimeUnit.MILLISECONDS);
        }

        private void send(String name, String data) {
            sink.send(sse.newEventBuilder().name(name).id(Long.toString(++sequence))
                    .mediaType(MediaType.APPLICATION_JSON_TYPE).data(String.class, data).build());
        }
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing JSON-B", e);
        }
    }
}
