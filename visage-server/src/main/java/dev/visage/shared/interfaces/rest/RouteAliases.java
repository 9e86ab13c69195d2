package dev.visage.shared.interfaces.rest;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Paths kept for existing clients, each served as an alias of the one route that declares it: requests are
 * rewritten before matching ({@link RouteAliasFilter}) and the OpenAPI document lists the alias as a copy whose
 * operationId ends in {@code Legacy} ({@link ProblemResponsesFilter}). A context lists its aliases by
 * implementing this interface (a {@code META-INF/services} entry), so the shared kernel knows no context.
 */
public interface RouteAliases {

    /** Alias path → route path, both relative to the application root, without a leading slash. */
    Map<String, String> aliases();

    /** Every context's aliases. */
    static Map<String, String> all() {
        Map<String, String> all = new TreeMap<>();
        ServiceLoader.load(RouteAliases.class, RouteAliases.class.getClassLoader())
                .forEach(aliases -> all.putAll(aliases.aliases()));
        return all;
    }
}
