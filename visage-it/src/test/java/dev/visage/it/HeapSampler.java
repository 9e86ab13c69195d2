package dev.visage.it;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples a Liberty's used heap from its MicroProfile Metrics ({@code memory_usedHeap_bytes})
 * every 200 ms in a background thread: the high-water mark of the samples, and the heap's maximum.
 */
final class HeapSampler implements AutoCloseable {

    private static final Pattern USED = Pattern.compile("(?m)^memory_usedHeap_bytes\\{[^}]*}\\s+([0-9.E+]+)");
    private static final Pattern MAX = Pattern.compile("(?m)^memory_maxHeap_bytes\\{[^}]*}\\s+([0-9.E+]+)");

    private final Api api;
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    HeapSampler(Api api) {
        this.api = api;
        this.thread = new Thread(this::loop, "heap-sampler");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    long peakBytes() {
        return peak.get();
    }

    long maxBytes() {
        return value(MAX, api.get("/metrics").body());
    }

    private void loop() {
        while (running) {
            try {
                long used = value(USED, api.get("/metrics").body());
                peak.accumulateAndGet(used, Math::max);
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the server is busy or restarting: the next sample counts
                peak.accumulateAndGet(0, Math::max);
            }
        }
    }

    static long value(Pattern p, String metrics) {
        Matcher m = p.matcher(metrics);
        if (!m.find()) {
            throw new IllegalStateException("metric " + p + " not served");
        }
        return (long) Double.parseDouble(m.group(1));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
