package dev.visage.shared.interfaces.rest;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * Bounds every request body by its {@link BodyLimits} before anything reads it: a declared
 * Content-Length over the limit is refused at once (413, connection closed, nothing read);
 * a chunked or lying body is cut off by {@link LimitedInputStream} the moment it passes the
 * limit. The reader interceptor turns a 413 that a message body reader wrapped back into one.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 100)
public class BodyLimitFilter implements ContainerRequestFilter, ReaderInterceptor {

    private static final String STREAM = BodyLimitFilter.class.getName() + ".stream";

    // Field injection: RESTEasy on Liberty builds providers through its own injector.
    @Inject
    BodyLimits limits;

    @Context
    ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        BodyLimits.Limit limit = limits.of(resourceInfo == null ? null : resourceInfo.getResourceMethod(),
                request.getMediaType());
        long declared = declaredLength(request.getHeaderString(HttpHeaders.CONTENT_LENGTH));
        if (declared > limit.bytes()) {
            request.abortWith(new BodyTooLargeException("body", limit.bytes(), limit.setting())
                    .response(Problems.instance(request.getUriInfo().getPath())));
            return;
        }
        LimitedInputStream bounded = new LimitedInputStream(request.getEntityStream(), limit.bytes(), "body",
                limit.setting());
        request.setEntityStream(bounded);
        request.setProperty(STREAM, bounded);
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        try {
            return context.proceed();
        } catch (IOException | RuntimeException e) {
            BodyTooLargeException tooLarge = BodyTooLargeException.in(e);
            if (tooLarge == null && context.getProperty(STREAM) instanceof LimitedInputStream bounded) {
                tooLarge = bounded.exceeded();
            }
            if (tooLarge != null) {
                throw tooLarge;
            }
            throw e;
        }
    }

    /** The Content-Length, or -1 when absent (chunked) or unreadable (the bounded stream still applies). */
    static long declaredLength(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
