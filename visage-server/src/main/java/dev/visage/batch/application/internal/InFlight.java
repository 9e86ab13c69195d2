package dev.visage.batch.application.internal;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/** Images being processed on this instance right now (the queue stats' "active"). */
@ApplicationScoped
public class InFlight {

    private final AtomicLong count = new AtomicLong();

    void begin() {
        count.incrementAndGet();
    }

    void end() {
        count.decrementAndGet();
    }

    public long count() {
        return count.get();
    }
}
