package dev.visage.console.interfaces.web;

import dev.visage.access.application.ApiKeyService;
import dev.visage.access.application.Caller;
import dev.visage.shared.interfaces.rest.ProblemDetail;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Admits only admins to {@code /console/*}: a session cookie from the login page, HTTP
 * Basic with user {@code admin} and an admin API key as password (scripts), or the
 * {@code X-API-Key} header. Without credentials the JSON API answers 401 and pages send
 * browsers to the login page.
 */
@WebFilter(filterName = "ConsoleAuthFilter", urlPatterns = "/console/*")
public class ConsoleAuthFilter extends HttpFilter {

    /** Request attribute holding the {@link ConsoleAdmin} once admitted. */
    public static final String ADMIN_ATTRIBUTE = "dev.visage.console.admin";
    /** Sent by the console's own scripts; cookie-authenticated changes need it (cross-site requests cannot set it). */
    public static final String CONSOLE_HEADER = "X-Visage-Console";
    static final String BASIC_USER = "admin";
    static final String LOGIN_PAGE = "/console/login.html";

    /** What the login page needs before anyone signs in. */
    private static final Set<String> OPEN_PATHS = Set.of("/console/login", "/console/logout", LOGIN_PAGE,
            "/console/assets/console.css", "/console/assets/login.js", "/console/assets/favicon.svg");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    // Field injection: the servlet container creates filters itself.
    @Inject
    ConsoleAuthenticator keys;

    @Inject
    ConsoleSessions sessions;

    @Inject
    @ConfigProperty(name = "visage.auth.enabled", defaultValue = "true")
    boolean authEnabled;

    private final Jsonb jsonb = JsonbBuilder.create();

    /** The outcome of looking at a request's credentials. */
    private sealed interface Outcome {
        record Admitted(ConsoleAdmin admin) implements Outcome {
        }

        record Refused(int status, String reason, boolean credentialsSent) implements Outcome {
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        securityHeaders(response);
        if (path.equals("/console")) {
            response.sendRedirect(request.getContextPath() + "/console/");
            return;
        }
        if (OPEN_PATHS.contains(path)) {
            chain.doFilter(request, response);
            return;
        }
        boolean api = path.startsWith("/console/api/");
        Outcome outcome = authenticate(request);
        if (outcome instanceof Outcome.Admitted admitted) {
            if (api && "session".equals(admitted.admin().via()) && !SAFE_METHODS.contains(request.getMethod())
                    && request.getHeader(CONSOLE_HEADER) == null) {
                problem(request, response, 403, "Forbidden", "changes through the session cookie need the "
                        + CONSOLE_HEADER + " header", false);
                return;
            }
            request.setAttribute(ADMIN_ATTRIBUTE, admitted.admin());
            if (path.equals("/console/")) {
                // The JAX-RS application at "/" outranks a servlet mapping of the bare folder.
                request.getRequestDispatcher("/console/index.html").forward(request, response);
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        Outcome.Refused refused = (Outcome.Refused) outcome;
        boolean browserPage = !api && !refused.credentialsSent() && SAFE_METHODS.contains(request.getMethod())
                && Optional.ofNullable(request.getHeader("Accept")).orElse("").contains("text/html");
        if (browserPage) {
            if (ConsoleCookies.token(request).isPresent()) {
                ConsoleCookies.clear(request, response);
            }
            response.sendRedirect(request.getContextPath() + LOGIN_PAGE + (ConsoleCookies.token(request).isPresent() ? "?expired" : ""));
            return;
        }
        problem(request, response, refused.status(), refused.status() == 403 ? "Forbidden" : "Unauthorized",
                refused.reason(), request.getHeader(CONSOLE_HEADER) == null);
    }

    private Outcome authenticate(HttpServletRequest request) {
        if (!authEnabled) {
            // Local experiments only (VISAGE_AUTH_ENABLED=false): everyone is an admin, as on the API.
            return new Outcome.Admitted(new ConsoleAdmin("auth-disabled", "auth-disabled"));
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return new Outcome.Refused(401, "malformed Basic credentials", true);
            }
            int colon = decoded.indexOf(':');
            if (colon < 0 || !BASIC_USER.equals(decoded.substring(0, colon))) {
                return new Outcome.Refused(401, "the Basic user must be '" + BASIC_USER + "' with an admin API key as password", true);
            }
            return admit(decoded.substring(colon + 1), "basic", true);
        }
        String apiKey = request.getHeader("X-API-Key");
        if (apiKey != null) {
            return admit(apiKey, "api-key", true);
        }
        Optional<ConsoleSessions.Session> session = ConsoleCookies.token(request).flatMap(sessions::find);
        if (session.isPresent()) {
            return admit(session.get().apiKey(), "session", false);
        }
        return new Outcome.Refused(401, "sign in with an admin API key (login page, or HTTP Basic as user '"
                + BASIC_USER + "')", false);
    }

    private Outcome admit(String key, String via, boolean credentialsSent) {
        ApiKeyService.Verdict verdict = keys.authenticate(key);
        if (verdict instanceof ApiKeyService.Verdict.Denied denied) {
            return new Outcome.Refused(denied.status() == 400 ? 401 : denied.status(), denied.reason(), credentialsSent);
        }
        Caller caller = ((ApiKeyService.Verdict.Granted) verdict).caller();
        if (!caller.admin()) {
            return new Outcome.Refused(403, "the console needs an admin API key", credentialsSent);
        }
        return new Outcome.Admitted(new ConsoleAdmin(caller.keyId(), via));
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, int status, String title,
                         String detail, boolean basicChallenge) throws IOException {
        response.setStatus(status);
        if (status == 401) {
            // The console's own pages ask without a Basic challenge, so browsers show no password dialog.
            response.setHeader("WWW-Authenticate", basicChallenge ? "Basic realm=\"Visage console\", charset=\"UTF-8\""
                    : "VisageConsole realm=\"Visage console\"");
        }
        response.setContentType(ProblemDetail.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(jsonb.toJson(new ProblemDetail("about:blank", title, status, detail,
                request.getRequestURI(), null)));
    }

    private static void securityHeaders(HttpServletResponse response) {
        // Everything the console loads comes from this server: no inline script, no CDN.
        response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                + "frame-ancestors 'none'; form-action 'self'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
    }
}
