package dev.visage.gallery.interfaces.rest;

import dev.visage.shared.interfaces.rest.RouteAliases;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every route of {@link DigestRoutesResource} is also served at the root ({@code /get-faces} for
 * {@code /api/v1/get-faces}), where the digest service's existing clients call it.
 */
public class DigestRouteAliases implements RouteAliases {

    @Override
    public Map<String, String> aliases() {
        Map<String, String> aliases = new TreeMap<>();
        for (Method method : DigestRoutesResource.class.getDeclaredMethods()) {
            Path path = method.getAnnotation(Path.class);
            if (path != null) {
                aliases.put(path.value(), DigestRoutesResource.PREFIX + "/" + path.value());
            }
        }
        return aliases;
    }
}
