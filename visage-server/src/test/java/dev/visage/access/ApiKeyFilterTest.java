package dev.visage.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.visage.access.application.CallerContext;
import dev.visage.access.application.internal.DefaultApiKeyService;
import dev.visage.access.interfaces.rest.ApiKeyFilter;
import dev.visage.shared.interfaces.rest.ProblemDetail;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The request filter's decisions, including the documented auth-off switch. */
class ApiKeyFilterTest {

    private final AtomicReference<Response> aborted = new AtomicReference<>();

    private ContainerRequestContext request(Map<String, String> headers) {
        UriInfo uri = (UriInfo) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{UriInfo.class},
                (p, m, a) -> m.getName().equals("getPath") ? "api/v1/jobs/1" : null);
        return (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ContainerRequestContext.class}, (p, m, a) -> switch (m.getName()) {
                    case "getHeaderString" -> headers.get((String) a[0]);
                    case "getUriInfo" -> uri;
                    case "abortWith" -> {
                        aborted.set((Response) a[0]);
                        yield null;
                    }
                    default -> null;
                });
    }

    private ApiKeyFilter filter(boolean authEnabled, CallerContext caller) throws Exception {
        ApiKeyFilter filter = new ApiKeyFilter();
        set(filter, "keys", new DefaultApiKeyService(new ApiKeyServiceTest.InMemoryKeys()));
        set(filter, "callerContext", caller);
        set(filter, "authEnabled", authEnabled);
        return filter;
    }

    private static void set(Object target, String field, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    @Test
    void withoutAKeyTheRequestIsAbortedWith401ProblemJson() throws Exception {
        CallerContext caller = new CallerContext();
        filter(true, caller).filter(request(Map.of()));
        Response response = aborted.get();
        assertEquals(401, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertEquals("missing X-API-Key header", ((ProblemDetail) response.getEntity()).detail());
        assertTrue(response.getHeaderString("WWW-Authenticate").contains("X-API-Key"));
    }

    @Test
    void theAuthOffSwitchMakesEveryCallerAnAdminOfTheChosenTenant() throws Exception {
        CallerContext caller = new CallerContext();
        filter(false, caller).filter(request(Map.of("X-Tenant-ID", "acme")));
        assertNull(aborted.get());
        assertTrue(caller.caller().admin());
        assertEquals("acme", caller.tenantId());
    }
}
