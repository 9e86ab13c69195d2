package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.client.ClientConfig;
import dev.visage.client.ClientConnectionException;
import dev.visage.client.ClientTimeoutException;
import dev.visage.client.ClientValidationException;
import dev.visage.client.ProcessingException;
import dev.visage.client.RecognitionClient;
import dev.visage.client.Results;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same kiosk edge cases over Jakarta Messaging, through the Java client library. */
class RecognitionJmsIT {

    static final String PERSON = RecognitionRestIT.PERSON;
    static final String SAME_PERSON = RecognitionRestIT.SAME_PERSON;
    static final String OTHER_PERSON_ENROLLED = RecognitionRestIT.OTHER_PERSON_ENROLLED;
    static final String STRANGER = RecognitionRestIT.STRANGER;

    static RecognitionClient client;

    @BeforeAll
    static void connect() {
        client = new RecognitionClient(Broker.connectionFactory(),
                ClientConfig.defaults().withTimeout(Duration.ofSeconds(60)).withMaxRetries(1));
    }

    @AfterAll
    static void close() {
        client.close();
    }

    static String newCompany() {
        String id = "jms-" + UUID.randomUUID();
        assertTrue(client.createCompany(id));
        return id;
    }

    static ProcessingException refused(org.junit.jupiter.api.function.Executable call, String text) {
        ProcessingException e = assertThrows(ProcessingException.class, call);
        assertEquals(text, e.getMessage());
        return e;
    }

    @Test
    void createCompanyIsIdempotentAndValidated() {
        String id = "jms-" + UUID.randomUUID();
        assertTrue(client.createCompany(id));
        assertTrue(client.createCompany(id));
        assertEquals("Company ID cannot be empty",
                assertThrows(ClientValidationException.class, () -> client.createCompany("")).getMessage());
    }

    @Test
    void deleteCompanyCascades() {
        String c = newCompany();
        assertEquals(1024 > 0, client.createUser(c, "ann", "f1", Photos.bytes(PERSON)).length > 0);
        assertTrue(client.deleteCompany(c));
        assertEquals(List.of(), client.getUserFaces(c, "ann"));
        Results.Recognition r = client.recognizeFace(c, Photos.bytes(SAME_PERSON));
        assertNull(r.userId());
        assertEquals(0.0, r.confidence());
        assertNull(r.bbox());
        assertFalse(client.deleteCompany(c));
        assertTrue(client.deleteCompany(newCompany()), "an empty company");
    }

    @Test
    void createUserAndItsErrors() {
        String c = newCompany();
        float[] embedding = client.createUser(c, "ann", "f1", Photos.bytes(PERSON));
        double norm = 0;
        for (float v : embedding) {
            norm += v * v;
        }
        assertEquals(1.0, Math.sqrt(norm), 1e-3);
        refused(() -> client.createUser("nope-" + UUID.randomUUID(), "x", "f1", Photos.bytes(PERSON)),
                "Company does not exist");
        refused(() -> client.createUser(c, "ann", "f2", Photos.bytes(PERSON)), "User already exists");
        refused(() -> client.createUser(c, "bob", "f1", TestImages.noFace()), "No face detected in image");
        refused(() -> client.createUser(c, "bob", "f1", "invalid_base64"), "Image processing failed");
        refused(() -> client.createUser(c, "bob", "f1", "hello".getBytes()), "Image processing failed");
        assertThrows(ClientValidationException.class, () -> client.createUser(c, "", "f1", Photos.bytes(PERSON)));
        assertEquals(List.of(), client.getUserFaces(c, "bob"));
    }

    @Test
    void addFaceAndItsErrors() {
        String c = newCompany();
        client.createUser(c, "ann", "f1", Photos.bytes(PERSON));
        assertNotNull(client.addFace(c, "ann", "f2", Photos.bytes(SAME_PERSON)));
        assertEquals(List.of("f1", "f2"), client.getUserFaces(c, "ann"));
        refused(() -> client.addFace(c, "nobody", "f1", Photos.bytes(PERSON)), "User does not exist");
        refused(() -> client.addFace(c, "ann", "f1", Photos.bytes(PERSON)), "Face ID already exists for this user");
        refused(() -> client.addFace(c, "ann", "f3", TestImages.noFace()), "No face detected in image");
    }

    @Test
    void deleteUserAndFace() {
        String c = newCompany();
        client.createUser(c, "ann", "f1", Photos.bytes(PERSON));
        client.addFace(c, "ann", "f2", Photos.bytes(SAME_PERSON));
        assertTrue(client.deleteFace(c, "ann", "f2"));
        assertFalse(client.deleteFace(c, "ann", "nope"));
        assertFalse(client.deleteFace(c, "nobody", "f1"));
        assertTrue(client.deleteFace(c, "ann", "f1"));
        assertEquals(List.of(), client.getUserFaces(c, "ann"));
        refused(() -> client.createUser(c, "ann", "f9", Photos.bytes(PERSON)), "User already exists");
        assertTrue(client.deleteUser(c, "ann"));
        assertFalse(client.deleteUser(c, "ann"));
    }

    @Test
    void userFacesOfUnknownsAreEmpty() {
        assertEquals(List.of(), client.getUserFaces(newCompany(), "nobody"));
        assertEquals(List.of(), client.getUserFaces("nope-" + UUID.randomUUID(), "x"));
    }

    @Test
    void recognition() {
        String c = newCompany();
        client.createUser(c, "ann", "f1", Photos.bytes(PERSON));
        client.createUser(c, "bob", "f1", Photos.bytes(OTHER_PERSON_ENROLLED));
        Results.Recognition hit = client.recognizeFace(c, Photos.bytes(SAME_PERSON));
        assertEquals("ann", hit.userId(), hit::toString);
        assertTrue(hit.confidence() > 0 && hit.confidence() <= 1);
        assertEquals(4, hit.bbox().size());

        Results.Recognition stranger = client.recognizeFace(c, Photos.bytes(STRANGER));
        assertNull(stranger.userId(), stranger::toString);
        assertTrue(stranger.confidence() < hit.confidence());
        assertEquals(4, stranger.bbox().size());

        Results.Recognition none = client.recognizeFace(c, TestImages.noFace());
        assertEquals(new Results.Recognition(null, 0.0, null), none);
        assertEquals(new Results.Recognition(null, 0.0, null),
                client.recognizeFace("nope-" + UUID.randomUUID(), Photos.bytes(PERSON)));

        byte[] group = TestImages.sideBySide(Photos.bytes(STRANGER), Photos.bytes(SAME_PERSON));
        Results.Recognition best = client.recognizeFace(c, group);
        assertEquals("ann", best.userId(), best::toString);
        refused(() -> client.recognizeFace(c, "invalid_base64"), "Image processing failed");
    }

    @Test
    void detectEmbedVerify() {
        assertEquals(new Results.Detection(0, List.of()), client.detectFaces(TestImages.noFace()));
        assertEquals(1, client.detectFaces(Photos.bytes(PERSON)).facesCount());
        assertTrue(client.detectFaces(Photos.bytes("couple.jpg")).facesCount() >= 2);
        refused(() -> client.detectFaces("invalid_base64"), "Image processing failed");

        Results.Embedding e = client.generateEmbedding(Photos.bytes(PERSON));
        assertTrue(e.vector().length >= 128);
        assertFalse(e.model().isBlank());
        refused(() -> client.generateEmbedding(TestImages.noFace()), "No face detected in image");
        refused(() -> client.generateEmbedding("corrupted_base64"), "Image processing failed");

        assertTrue(client.verifyFaces(Photos.bytes(PERSON), Photos.bytes(SAME_PERSON)).match());
        assertFalse(client.verifyFaces(Photos.bytes(PERSON), Photos.bytes(STRANGER)).match());
        String c = newCompany();
        client.createUser(c, "ann", "f1", Photos.bytes(PERSON));
        assertTrue(client.verifyUser(c, "ann", Photos.bytes(SAME_PERSON)).match());
        refused(() -> client.verifyUser(c, "nobody", Photos.bytes(SAME_PERSON)), "User does not exist");
    }

    @Test
    void healthAndCacheStats() {
        Results.Health health = client.healthCheck();
        assertEquals("healthy", health.status());
        assertTrue(health.responseTimeMs() > 0);
        assertFalse(health.workerId().isBlank());

        String c = newCompany();
        client.createUser(c, "ann", "f1", Photos.bytes(PERSON));
        Results.CacheStats stats = client.getCacheStats();
        assertEquals(new Results.CompanyCounts(1, 1), stats.cacheInfo().get(c));
        assertTrue(stats.totalTasksProcessed() > 0);
    }

    @Test
    void noBrokerIsAConnectionErrorAndNoWorkerATimeout() {
        try (RecognitionClient offline = new RecognitionClient(
                new ActiveMQConnectionFactory("tcp://127.0.0.1:1?reconnectAttempts=0&initialConnectAttempts=1"),
                ClientConfig.defaults().withMaxRetries(1).withRetryDelay(Duration.ofMillis(10)))) {
            assertThrows(ClientConnectionException.class, offline::healthCheck);
        }
        try (RecognitionClient nobody = new RecognitionClient(Broker.connectionFactory(),
                ClientConfig.defaults().withRequestQueue("visage.recognition.nobody-listens")
                        .withTimeout(Duration.ofMillis(300)).withMaxRetries(1).withRetryDelay(Duration.ofMillis(10)))) {
            assertEquals("Health check timed out",
                    assertThrows(ClientTimeoutException.class, nobody::healthCheck).getMessage());
        }
    }
}
