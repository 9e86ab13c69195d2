package dev.visage.access.application;

/**
 * Who is calling: the tenant the request acts for and whether the key is an admin key.
 * Every context reads the tenant from here, never from a header directly.
 */
public record Caller(String tenantId, boolean admin, String keyId) {

    public static final String DEFAULT_TENANT = "default";
}
