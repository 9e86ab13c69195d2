package dev.visage.access.application;

import dev.visage.contracts.Field;

/** Tenant ids are short, URL- and path-safe names (they appear in storage keys); the rule is {@link Field#TENANT_ID}. */
public final class TenantIds {

    private TenantIds() {
    }

    public static boolean isValid(String tenantId) {
        return Field.TENANT_ID.isValid(tenantId);
    }
}
