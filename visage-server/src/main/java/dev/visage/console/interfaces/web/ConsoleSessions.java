package dev.visage.console.interfaces.web;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sign-ins of this instance: an opaque random token in the cookie, its SHA-256
 * here. The admin key stays with the session so every request re-checks it: revoking the
 * key ends the session at once. Sessions end after {@link #LIFETIME} or at restart.
 */
@ApplicationScoped
public class ConsoleSessions {

    public static final Duration LIFETIME = Duration.ofHours(12);

    /** A signed-in admin: the key they signed in with and when the session ends. */
    public record Session(String apiKey, Instant expiresAt) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /** Starts a session; the returned token goes into the cookie and nowhere else. */
    public String start(String apiKey) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> s.expiresAt().isBefore(now));
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(hash(token), new Session(apiKey, now.plus(LIFETIME)));
        return token;
    }

    public Optional<Session> find(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String key = hash(token);
        Session session = sessions.get(key);
        if (session == null) {
            return Optional.empty();
        }
        if (session.expiresAt().isBefore(clock.instant())) {
            sessions.remove(key);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    public void end(String token) {
        if (token != null) {
            sessions.remove(hash(token));
        }
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
