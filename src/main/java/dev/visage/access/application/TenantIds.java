package dev.visage.access.application;

import java.util.regex.Pattern;

/** Tenant ids are short, URL- and path-safe names (they appear in storage keys). */
public final class TenantIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private TenantIds() {
    }

    public static boolean isValid(String tenantId) {
        return tenantId != null && VALID.matcher(tenantId).matches();
    }
}
