package dev.visage.access.application;

import java.util.Optional;

/**
 * Who is calling: the tenant the request acts for and whether the key is an admin key.
 * Every context reads the tenant from here, never from a header directly.
 *
 * @param everyTenant an admin key that named no tenant (no X-Tenant-ID): reports and statistics cover
 *                    every tenant; anything that writes still acts for {@link #DEFAULT_TENANT}
 */
public record Caller(String tenantId, boolean admin, String keyId, boolean everyTenant) {

    public static final String DEFAULT_TENANT = "default";

    /** A caller acting for one tenant. */
    public Caller(String tenantId, boolean admin, String keyId) {
        this(tenantId, admin, keyId, false);
    }

    /** The tenant a report covers, or empty for every tenant (an admin key without X-Tenant-ID). */
    public Optional<String> reportScope() {
        return everyTenant ? Optional.empty() : Optional.of(tenantId);
    }
}
