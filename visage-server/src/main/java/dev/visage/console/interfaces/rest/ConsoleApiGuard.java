package dev.visage.console.interfaces.rest;

import dev.visage.console.interfaces.web.ConsoleAuthFilter;
import dev.visage.shared.interfaces.rest.Problems;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Console resources are {@code @Public} to the API-key filter because the console has its
 * own sign-in ({@link ConsoleAuthFilter}, a servlet filter on {@code /console/*}). This
 * guard makes sure that filter really admitted the request, whatever the mappings become.
 */
@Provider
@ConsoleApi
@Priority(Priorities.AUTHENTICATION)
public class ConsoleApiGuard implements ContainerRequestFilter {

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        if (servletRequest == null || servletRequest.getAttribute(ConsoleAuthFilter.ADMIN_ATTRIBUTE) == null) {
            request.abortWith(Problems.response(401, "Unauthorized", "sign in to the console with an admin API key",
                    Problems.instance(request.getUriInfo().getPath()), null));
        }
    }
}
