package dev.visage.shared.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The face-pipeline runbook's legacy variable names (FACE_STREAM, GLOBAL_DEDUP_TTL_SEC, ...)
 * as fallbacks for their primary names. The primary names need no help: a key such as
 * {@code dedup.max.hamming} is found by MicroProfile Config's environment source as
 * DEDUP_MAX_HAMMING (ordinal 300). This source answers the same key from the legacy
 * variable at ordinal 250, so the primary name wins when both are set, and either wins
 * over the defaults in microprofile-config.properties (ordinal 100).
 */
public class RunbookAliasConfigSource implements ConfigSource {

    /** MicroProfile key → legacy environment variable. */
    public static final Map<String, String> ALIASES = Map.of(
            "redis.stream.name", "FACE_STREAM",
            "redis.group.name", "FACE_GROUP",
            "redis.consumer.name", "FACE_CONSUMER",
            "enable.global.dedup", "GLOBAL_DEDUP_ENABLED",
            "dedup.ttl.seconds", "GLOBAL_DEDUP_TTL_SEC",
            "dedup.max.hamming", "GLOBAL_DEDUP_MAX_HAMMING",
            // visage.limits.image-bytes was visage.analyze.max-bytes before every body had a limit.
            "visage.limits.image-bytes", "VISAGE_ANALYZE_MAX_BYTES");

    private final UnaryOperator<String> environment;

    public RunbookAliasConfigSource() {
        this(System::getenv);
    }

    public RunbookAliasConfigSource(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> values = new HashMap<>();
        ALIASES.keySet().forEach(key -> {
            String value = getValue(key);
            if (value != null) {
                values.put(key, value);
            }
        });
        return Collections.unmodifiableMap(values);
    }

    @Override
    public Set<String> getPropertyNames() {
        return getProperties().keySet();
    }

    @Override
    public String getValue(String propertyName) {
        String alias = ALIASES.get(propertyName);
        if (alias == null) {
            return null;
        }
        String value = environment.apply(alias);
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String getName() {
        return "runbook-legacy-aliases";
    }

    @Override
    public int getOrdinal() {
        return 250;
    }
}
