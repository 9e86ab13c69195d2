package dev.visage.console.interfaces.rest;

import dev.visage.access.application.TenantIds;
import dev.visage.shared.interfaces.rest.ProblemException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Query parameters shared by the console's lists, checked with the field at fault. */
final class ConsoleParams {

    static final int MAX_LIMIT = 500;

    private ConsoleParams() {
    }

    /** Repeated or comma-separated values, lower case, each one of {@code allowed}; empty when none. */
    static Set<String> oneOfEach(List<String> values, Set<String> allowed, String field) {
        Set<String> found = values == null ? Set.of() : values.stream()
                .flatMap(s -> Arrays.stream(s.split(",")))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        if (!allowed.containsAll(found)) {
            throw ProblemException.badRequest(field, "each must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return found;
    }

    /** One lower-case value of {@code allowed}, or null when blank. */
    static String oneOf(String value, Set<String> allowed, String field) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        v = v.toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw ProblemException.badRequest(field, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return v;
    }

    /** A valid tenant id, or null when blank (every tenant). */
    static String tenant(String tenant) {
        String tenantId = blankToNull(tenant);
        if (tenantId != null && !TenantIds.isValid(tenantId)) {
            throw ProblemException.badRequest("tenant", "not a valid tenant id");
        }
        return tenantId;
    }

    static void page(int limit, int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw ProblemException.badRequest("offset", "must not be negative");
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
