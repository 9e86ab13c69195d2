package dev.visage.shared.interfaces.rest;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bounds every request body by its {@link BodyLimits} before anything reads it: a declared
 * Content-Length over the limit is refused at once (413, connection closed, nothing read);
 * a chunked or lying body is cut off by {@link LimitedInputStream} the moment it passes the
 * limit. The reader interceptor turns a 413 that a message body reader wrapped back into one.
 *
 * <p>A JSON body is read whole (within its limit) before it is parsed: Parsson's tokenizer
 * shifts its whole buffer on every short read of the stream, so one long string (a base64
 * image) arriving over the network in 8 KiB pieces costs time quadratic in its length
 * (16 MiB: 40 s; the 72 MiB limit: many minutes, so the limit was reached only after the
 * client had given up). From memory every read is full and the buffer grows by doubling;
 * and a body over its limit is refused as soon as the stream passes it, before parsing.
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
    public void filter(ContainerRequestContext request) throws IOException {
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
        if (isJson(request.getMediaType())) {
            byte[] body;
            try {
                body = bounded.readAllBytes();
            } catch (BodyTooLargeException e) {
                request.abortWith(e.response(Problems.instance(request.getUriInfo().getPath())));
                return;
            }
            String charset = request.getMediaType().getParameters().get(MediaType.CHARSET_PARAMETER);
            long invalid = charset == null || charset.equalsIgnoreCase("UTF-8") ? invalidUtf8At(body) : -1;
            if (invalid >= 0) {
                throw ProblemException.badRequest("body", "not valid UTF-8 at byte " + invalid);
            }
            request.setEntityStream(new ByteArrayInputStream(body));
            return;
        }
        request.setEntityStream(bounded);
        request.setProperty(STREAM, bounded);
    }

    /**
     * Where {@code body} stops being UTF-8, or -1. JSON must be UTF-8 (RFC 8259), and a decoder
     * left to itself puts U+FFFD in place of bad bytes, so that a damaged body would be stored as
     * if the client had meant the replacement characters.
     */
    static long invalidUtf8At(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(8192);
        for (CoderResult r = decoder.decode(in, out, true); !r.isUnderflow(); r = decoder.decode(in, out, true)) {
            if (r.isError()) {
                return in.position();
            }
            out.clear();
        }
        return -1;
    }

    static boolean isJson(MediaType type) {
        return type != null && (type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.getSubtype().endsWith("+json"));
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
