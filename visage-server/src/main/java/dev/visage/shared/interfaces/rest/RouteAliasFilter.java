package dev.visage.shared.interfaces.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Map;

/** Serves an alias path ({@link RouteAliases}) by rewriting the request to its route before matching. */
@Provider
@PreMatching
public class RouteAliasFilter implements ContainerRequestFilter {

    private final Map<String, String> aliases = RouteAliases.all();

    @Override
    public void filter(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        String path = uri.getPath();
        String route = aliases.get(path.startsWith("/") ? path.substring(1) : path);
        if (route != null) {
            URI target = uri.getBaseUriBuilder().path(route).replaceQuery(uri.getRequestUri().getRawQuery()).build();
            request.setRequestUri(uri.getBaseUri(), target);
        }
    }
}
