package dev.visage.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.shared.config.RunbookAliasConfigSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunbookAliasConfigSourceTest {

    @Test
    void legacyNamesAnswerThePrimaryKeysBelowTheEnvironmentSource() {
        Map<String, String> env = Map.of("FACE_STREAM", "legacy.queue", "GLOBAL_DEDUP_MAX_HAMMING", "12",
                "GLOBAL_DEDUP_ENABLED", " ");
        RunbookAliasConfigSource source = new RunbookAliasConfigSource(env::get);
        assertEquals("legacy.queue", source.getValue("redis.stream.name"));
        assertEquals("12", source.getValue("dedup.max.hamming"));
        assertNull(source.getValue("enable.global.dedup"), "blank counts as unset");
        assertNull(source.getValue("dedup.ttl.seconds"));
        assertNull(source.getValue("FACE_STREAM"), "only the primary keys are answered");
        // MicroProfile's environment source (ordinal 300) answers REDIS_STREAM_NAME first: the primary wins.
        assertTrue(source.getOrdinal() < 300 && source.getOrdinal() > 100);
        assertEquals(Map.of("redis.stream.name", "legacy.queue", "dedup.max.hamming", "12"), source.getProperties());
    }
}
