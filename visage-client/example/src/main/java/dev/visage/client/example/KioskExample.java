package dev.visage.client.example;

import dev.visage.client.ClientConfig;
import dev.visage.client.RecognitionClient;
import dev.visage.client.Results;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * What a kiosk backend does with visage-client: create its company, enrol a person from one photo,
 * recognise that person in another, tell a stranger apart, and clean up. The broker's own JMS
 * client supplies the {@link jakarta.jms.ConnectionFactory}; visage-client needs nothing else.
 *
 * <p>Run against {@code ./visage up} with {@code scripts/kiosk-example.sh} (the broker's address,
 * user and password come from VISAGE_BROKER_PORT / _USER / _PASSWORD, as for the server).
 */
public final class KioskExample {

    /** What the example saw; KioskExampleIT checks it against a running server. */
    public record Outcome(String company, Results.Recognition enrolledPerson, Results.Recognition stranger) {
    }

    private KioskExample() {
    }

    public static void main(String[] args) throws IOException {
        Path photos = Path.of(args.length > 0 ? args[0] : "testdata/deepface-pairs/images");
        String broker = "tcp://127.0.0.1:" + System.getenv().getOrDefault("VISAGE_BROKER_PORT", "61616");
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker,
                System.getenv().getOrDefault("VISAGE_BROKER_USER", "visage"),
                System.getenv().getOrDefault("VISAGE_BROKER_PASSWORD", "visage"))) {
            run(factory, photos, System.out);
        }
    }

    /** The kiosk's day: img1/img2 are the same person in the repository's photos, img26 someone else. */
    public static Outcome run(jakarta.jms.ConnectionFactory factory, Path photos, PrintStream out) throws IOException {
        String company = "kiosk-example-" + UUID.randomUUID();
        ClientConfig config = ClientConfig.defaults().withTimeout(Duration.ofSeconds(60));
        try (RecognitionClient visage = new RecognitionClient(factory, config)) {
            out.println("health: " + visage.healthCheck().status());
            visage.createCompany(company);
            float[] embedding = visage.createUser(company, "alice", "alice-1", Files.readAllBytes(photos.resolve("img1.jpg")));
            out.printf("enrolled alice in %s (%d-d embedding)%n", company, embedding.length);
            Results.Recognition alice = visage.recognizeFace(company, Files.readAllBytes(photos.resolve("img2.jpg")));
            out.printf("another photo of alice: %s (confidence %.3f)%n", alice.userId(), alice.confidence());
            Results.Recognition stranger = visage.recognizeFace(company, Files.readAllBytes(photos.resolve("img26.jpg")));
            out.printf("a stranger: %s%n", stranger.userId() == null ? "not recognised" : stranger.userId());
            return new Outcome(company, alice, stranger);
        } finally {
            try (RecognitionClient visage = new RecognitionClient(factory, config)) {
                visage.deleteCompany(company);
            }
        }
    }
}
