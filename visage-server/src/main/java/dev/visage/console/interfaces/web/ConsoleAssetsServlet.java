package dev.visage.console.interfaces.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Serves the console's files from the WAR ({@code src/main/webapp/console}). Explicit
 * mappings, because the JAX-RS application at {@code /} would otherwise answer these paths;
 * everything else under {@code /console/api} stays with JAX-RS. {@code /console/} itself is
 * forwarded to {@code index.html} by {@link ConsoleAuthFilter}.
 */
@WebServlet(name = "ConsoleAssetsServlet", urlPatterns = {"/console/index.html",
        "/console/login.html", "/console/assets/*", "/console/pages/*"})
public class ConsoleAssetsServlet extends HttpServlet {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=UTF-8",
            "css", "text/css;charset=UTF-8",
            "js", "text/javascript;charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String extension = path.substring(path.lastIndexOf('.') + 1);
        String type = TYPES.get(extension);
        if (path.contains("..") || type == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (InputStream in = getServletContext().getResourceAsStream(path)) {
            if (in == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            response.setContentType(type);
            in.transferTo(response.getOutputStream());
        }
    }
}
