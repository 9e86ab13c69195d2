package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.client.RecognitionClient;
import dev.visage.client.example.KioskExample;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The client module's kiosk example, as a user runs it, against the suite's server. */
class KioskExampleIT {

    @Test
    void theKioskExampleEnrolsRecognisesAndCleansUp() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        KioskExample.Outcome outcome = KioskExample.run(Broker.connectionFactory(),
                Path.of("testdata/deepface-pairs/images"), new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertEquals("alice", outcome.enrolledPerson().userId(), outcome::toString);
        assertTrue(outcome.enrolledPerson().confidence() > 0, outcome::toString);
        assertNull(outcome.stranger().userId(), outcome::toString);
        String output = printed.toString(StandardCharsets.UTF_8);
        assertTrue(output.contains("another photo of alice: alice"), output);
        try (RecognitionClient client = new RecognitionClient(Broker.connectionFactory())) {
            assertFalse(client.deleteCompany(outcome.company()), "the example deleted its company");
        }
    }
}
