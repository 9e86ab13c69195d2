package dev.visage.console.interfaces.web;

import dev.visage.access.application.ApiKeyService;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code POST /console/login} (form field {@code key}) exchanges an admin API key for a
 * session cookie; {@code POST /console/logout} ends the session. Both answer with a
 * redirect, so the login page works without script.
 */
@WebServlet(name = "ConsoleLoginServlet", urlPatterns = {"/console/login", "/console/logout"})
public class ConsoleLoginServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ConsoleLoginServlet.class.getName());

    // Field injection: the servlet container creates servlets itself.
    @Inject
    ConsoleAuthenticator keys;

    @Inject
    ConsoleSessions sessions;

    @Inject
    @ConfigProperty(name = "visage.auth.enabled", defaultValue = "true")
    boolean authEnabled;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + ConsoleAuthFilter.LOGIN_PAGE);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().endsWith("/logout")) {
            ConsoleCookies.token(request).ifPresent(sessions::end);
            ConsoleCookies.clear(request, response);
            response.sendRedirect(request.getContextPath() + ConsoleAuthFilter.LOGIN_PAGE + "?signed-out");
            return;
        }
        String key = request.getParameter("key");
        key = key == null ? "" : key.trim();
        if (authEnabled) {
            ApiKeyService.Verdict verdict = keys.authenticate(key);
            if (verdict instanceof ApiKeyService.Verdict.Denied denied) {
                LOG.info(() -> "console sign-in refused from " + request.getRemoteAddr() + ": " + denied.reason());
                response.sendRedirect(request.getContextPath() + ConsoleAuthFilter.LOGIN_PAGE + "?error=denied");
                return;
            }
            if (!((ApiKeyService.Verdict.Granted) verdict).caller().admin()) {
                LOG.info(() -> "console sign-in with a tenant key refused from " + request.getRemoteAddr());
                response.sendRedirect(request.getContextPath() + ConsoleAuthFilter.LOGIN_PAGE + "?error=not-admin");
                return;
            }
        }
        ConsoleCookies.set(request, response, sessions.start(key));
        response.sendRedirect(request.getContextPath() + "/console/");
    }
}
