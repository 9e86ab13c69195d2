package dev.visage.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Docker users get the database the scripts test: same PostgreSQL major, same pgvector. */
class DockerComposePinTest {

    @Test
    void theComposeDatabaseImageCarriesThePinnedPostgresAndPgvector() throws IOException {
        String compose = Files.readString(Pins.root().resolve("docker-compose.yml"));
        String image = "image: pgvector/pgvector:" + Pins.pgvector() + "-pg" + Pins.postgresMajor() + "\n";
        assertTrue(compose.contains(image), "docker-compose.yml should say " + image.trim());
    }
}
