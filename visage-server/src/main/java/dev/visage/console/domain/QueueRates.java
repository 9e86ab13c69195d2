package dev.visage.console.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-second rates from cumulative counters sampled at each look. A rate needs two
 * samples at least {@link #MIN_INTERVAL} apart; closer looks reuse the last rate, and a
 * counter that went down (broker restarted) starts over.
 */
public final class QueueRates {

    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    /** Rates per second; null when not known yet. */
    public record Rates(Double added, Double acknowledged) {
        static final Rates UNKNOWN = new Rates(null, null);
    }

    private record Sample(long added, long acknowledged, Instant at, Rates rates) {
    }

    private final Map<String, Sample> last = new ConcurrentHashMap<>();

    public Rates observe(String queue, long added, long acknowledged, Instant now) {
        Sample computed = last.compute(queue, (q, previous) -> {
            if (previous == null || added < previous.added() || acknowledged < previous.acknowledged()) {
                return new Sample(added, acknowledged, now, Rates.UNKNOWN);
            }
            Duration elapsed = Duration.between(previous.at(), now);
            if (elapsed.compareTo(MIN_INTERVAL) < 0) {
                return previous;
            }
            double seconds = elapsed.toNanos() / 1e9;
            return new Sample(added, acknowledged, now, new Rates((added - previous.added()) / seconds,
                    (acknowledged - previous.acknowledged()) / seconds));
        });
        return computed.rates();
    }
}
