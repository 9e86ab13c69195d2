package dev.visage.access.interfaces.rest;

import jakarta.enterprise.context.ApplicationScoped;
import dev.visage.access.application.ApiKeyService;
import dev.visage.access.application.Caller;
import dev.visage.access.application.CallerContext;
import dev.visage.access.application.TenantIds;
import dev.visage.shared.interfaces.rest.AdminOnly;
import dev.visage.shared.interfaces.rest.Problems;
import dev.visage.shared.interfaces.rest.Public;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.AnnotatedElement;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every Visage resource needs an {@code X-API-Key}, except those marked {@link Public}.
 * The key fixes the tenant; {@code X-Tenant-ID} may only repeat it (admin keys may choose).
 */
@ApplicationScoped
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {

    public static final String API_KEY_HEADER = "X-API-Key";
    public static final String TENANT_HEADER = "X-Tenant-ID";

    // Field injection: RESTEasy on Liberty builds request filters through its own
    // injector, which cannot call an @Inject constructor.
    @Inject
    ApiKeyService keys;

    @Inject
    CallerContext callerContext;

    @Inject
    @ConfigProperty(name = "visage.auth.enabled", defaultValue = "true")
    boolean authEnabled;

    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        if (annotated(Public.class)) {
            return;
        }
        String tenant = request.getHeaderString(TENANT_HEADER);
        if (!authEnabled) {
            // Local experiments only (VISAGE_AUTH_ENABLED=false): everyone is an admin.
            String chosen = tenant == null || tenant.isBlank() ? Caller.DEFAULT_TENANT : tenant;
            if (!TenantIds.isValid(chosen)) {
                deny(request, 400, "X-Tenant-ID is not a valid tenant id");
                return;
            }
            callerContext.authenticate(new Caller(chosen, true, "auth-disabled", tenant == null || tenant.isBlank()));
            return;
        }
        ApiKeyService.Verdict verdict = keys.authenticate(request.getHeaderString(API_KEY_HEADER), tenant);
        if (verdict instanceof ApiKeyService.Verdict.Denied denied) {
            deny(request, denied.status(), denied.reason());
            return;
        }
        Caller caller = ((ApiKeyService.Verdict.Granted) verdict).caller();
        if (annotated(AdminOnly.class) && !caller.admin()) {
            deny(request, 403, "this endpoint needs an admin API key");
            return;
        }
        callerContext.authenticate(caller);
    }

    private void deny(ContainerRequestContext request, int status, String reason) {
        var response = Problems.response(status, status == 401 ? "Unauthorized" : status == 403 ? "Forbidden" : "Bad Request",
                reason, Problems.instance(request.getUriInfo().getPath()), null);
        if (status == 401) {
            response = jakarta.ws.rs.core.Response.fromResponse(response)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + API_KEY_HEADER + "\"").build();
        }
        request.abortWith(response);
    }

    private boolean annotated(Class<? extends java.lang.annotation.Annotation> annotation) {
        if (resourceInfo == null || resourceInfo.getResourceMethod() == null) {
            return false;
        }
        AnnotatedElement method = resourceInfo.getResourceMethod();
        return method.isAnnotationPresent(annotation) || resourceInfo.getResourceClass().isAnnotationPresent(annotation);
    }
}
