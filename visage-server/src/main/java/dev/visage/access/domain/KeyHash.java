package dev.visage.access.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Generates API key secrets and their stored hashes. */
public final class KeyHash {

    public static final String PREFIX = "vsg_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyHash() {
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String of(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The first characters shown in listings so operators can tell keys apart. */
    public static String displayPrefix(String secret) {
        return secret.substring(0, Math.min(12, secret.length()));
    }
}
