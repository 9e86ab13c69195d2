package dev.visage.recognition.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Which instance this is (worker_id in health and stats), since when, and how much it did. */
@ApplicationScoped
public class WorkerIdentity {

    private final String workerId;
    private final Instant started = Instant.now();
    private final AtomicLong tasks = new AtomicLong();

    @Inject
    public WorkerIdentity(@ConfigProperty(name = "visage.recognition.worker-id") Optional<String> configured) {
        this.workerId = configured.filter(s -> !s.isBlank()).orElseGet(WorkerIdentity::defaultId);
    }

    /** For CDI proxies only. */
    protected WorkerIdentity() {
        this.workerId = null;
    }

    private static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String server = System.getProperty("wlp.server.name", "visage");
        return host + "/" + server + "/" + ProcessHandle.current().pid();
    }

    public String workerId() {
        return workerId;
    }

    public long uptimeSeconds() {
        return Duration.between(started, Instant.now()).toSeconds();
    }

    public void taskDone() {
        tasks.incrementAndGet();
    }

    public long tasksProcessed() {
        return tasks.get();
    }
}
