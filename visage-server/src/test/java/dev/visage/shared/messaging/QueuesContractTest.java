package dev.visage.shared.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.visage.contracts.messaging.Queues;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The queue names clients take from visage-contracts are the ones the server listens on by default. */
class QueuesContractTest {

    @Test
    void theServersDefaultQueuesAreTheContractsQueues() throws IOException {
        Properties config = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            config.load(in);
        }
        assertEquals(Queues.INGEST, config.getProperty("redis.stream.name").trim());
        assertEquals(Queues.RECOGNITION_REQUESTS, config.getProperty("visage.queue.recognition-requests").trim());
        assertEquals(Queues.DEAD_LETTER, config.getProperty("visage.queue.dead-letter").trim());
    }
}
