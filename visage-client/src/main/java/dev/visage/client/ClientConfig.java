package dev.visage.client;

import dev.visage.contracts.messaging.Queues;
import java.time.Duration;

/**
 * @param requestQueue the instances' request queue
 * @param timeout      how long one attempt waits for its reply (kiosk PUBLISHER_TIMEOUT)
 * @param maxRetries   further attempts after a timeout or a connection failure (kiosk PUBLISHER_MAX_RETRIES)
 * @param retryDelay   pause before each further attempt
 */
public record ClientConfig(String requestQueue, Duration timeout, int maxRetries, Duration retryDelay) {

    public static final String DEFAULT_QUEUE = Queues.RECOGNITION_REQUESTS;

    public ClientConfig {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0");
        }
    }

    public static ClientConfig defaults() {
        return new ClientConfig(DEFAULT_QUEUE, Duration.ofSeconds(30), 3, Duration.ofSeconds(1));
    }

    public ClientConfig withTimeout(Duration value) {
        return new ClientConfig(requestQueue, value, maxRetries, retryDelay);
    }

    public ClientConfig withMaxRetries(int value) {
        return new ClientConfig(requestQueue, timeout, value, retryDelay);
    }

    public ClientConfig withRetryDelay(Duration value) {
        return new ClientConfig(requestQueue, timeout, maxRetries, value);
    }

    public ClientConfig withRequestQueue(String value) {
        return new ClientConfig(value, timeout, maxRetries, retryDelay);
    }
}
